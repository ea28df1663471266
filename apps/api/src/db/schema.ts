/**
 * The typed view of the PostgreSQL schema for Drizzle queries. The SQL migrations in
 * `migrations/` are the source of truth; `schema.test.ts` fails when the two drift apart.
 */
import {
  bigint,
  bigserial,
  boolean,
  date,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

export const instanceSettings = pgTable('instance_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// Accounts (migration 0002_accounts.sql). Colleagues reference `users.id` with ON DELETE CASCADE.
const tz = (name: string) => timestamp(name, { withTimezone: true });

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  role: text('role', { enum: ['learner', 'mentor', 'admin'] })
    .notNull()
    .default('learner'),
  emailVerifiedAt: tz('email_verified_at'),
  passwordHash: text('password_hash'),
  totpSecret: text('totp_secret'),
  totpEnabledAt: tz('totp_enabled_at'),
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  tokenHash: text('token_hash').notNull().unique(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  createdAt: tz('created_at').notNull().defaultNow(),
  lastSeenAt: tz('last_seen_at').notNull().defaultNow(),
  expiresAt: tz('expires_at').notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
});

export const authTokens = pgTable('auth_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  purpose: text('purpose').notNull(),
  userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
  data: jsonb('data').notNull().default({}),
  createdAt: tz('created_at').notNull().defaultNow(),
  expiresAt: tz('expires_at').notNull(),
  usedAt: tz('used_at'),
});

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: tz('used_at'),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

export const apiTokens = pgTable('api_tokens', {
  id: text('id').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  scopes: text('scopes').array().notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
  lastUsedAt: tz('last_used_at'),
  revokedAt: tz('revoked_at'),
});

export const deviceCodes = pgTable('device_codes', {
  deviceCodeHash: text('device_code_hash').primaryKey(),
  userCode: text('user_code').notNull().unique(),
  status: text('status').notNull().default('pending'),
  userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
  createdAt: tz('created_at').notNull().defaultNow(),
  expiresAt: tz('expires_at').notNull(),
  lastPolledAt: tz('last_polled_at'),
});

export const oauthAccounts = pgTable(
  'oauth_accounts',
  {
    provider: text('provider').notNull(),
    providerUserId: text('provider_user_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerUserId] })],
);

export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: tz('at').notNull().defaultNow(),
  event: text('event').notNull(),
  userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
  actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
  ip: text('ip'),
  details: jsonb('details').notNull().default({}),
});

export const mailOutbox = pgTable('mail_outbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  toAddress: text('to_address').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  transport: text('transport').notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
  sentAt: tz('sent_at'),
  error: text('error'),
});
// (end of the accounts tables)

// Learning (migration 0003): content ids are the stable ids at write time, resolved through the id-map on read.
const userRef = (name = 'user_id') =>
  text(name)
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' });

export const topicProgress = pgTable(
  'topic_progress',
  {
    userId: userRef(),
    topicId: text('topic_id').notNull(),
    status: text('status').notNull(),
    source: text('source', { enum: ['self', 'graded', 'import'] })
      .notNull()
      .default('self'),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.topicId] })],
);

export const submissions = pgTable('submissions', {
  id: text('id').primaryKey(),
  userId: userRef(),
  exerciseId: text('exercise_id').notNull(),
  mode: text('mode').notNull(),
  code: text('code').notNull(),
  status: text('status').notNull(),
  verdict: text('verdict'),
  result: jsonb('result'),
  contentVersion: text('content_version').notNull(),
  durationMs: integer('duration_ms'),
  testsPassed: integer('tests_passed'),
  createdAt: tz('created_at').notNull().defaultNow(),
  gradedAt: tz('graded_at'),
  imported: boolean('imported').notNull().default(false),
});

export const quizAttempts = pgTable('quiz_attempts', {
  id: text('id').primaryKey(),
  userId: userRef(),
  quizId: text('quiz_id').notNull(),
  answers: jsonb('answers').notNull(),
  correct: integer('correct').notNull(),
  total: integer('total').notNull(),
  passed: boolean('passed').notNull(),
  contentVersion: text('content_version').notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
  imported: boolean('imported').notNull().default(false),
});

export const reviewCards = pgTable(
  'review_cards',
  {
    userId: userRef(),
    questionKey: text('question_key').notNull(),
    card: jsonb('card').notNull(),
    due: tz('due').notNull(),
    reps: integer('reps').notNull().default(0),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.questionKey] })],
);

export const topicNotes = pgTable(
  'topic_notes',
  {
    userId: userRef(),
    topicId: text('topic_id').notNull(),
    body: text('body').notNull(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.topicId] })],
);

export const topicLinks = pgTable('topic_links', {
  id: text('id').primaryKey(),
  userId: userRef(),
  topicId: text('topic_id').notNull(),
  url: text('url').notNull(),
  title: text('title').notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
});

export const learnerSettings = pgTable('learner_settings', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  timeZone: text('time_zone').notNull().default('UTC'),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

export const activityDays = pgTable(
  'activity_days',
  { userId: userRef(), day: date('day').notNull(), actions: integer('actions').notNull().default(1) },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);

export const portfolios = pgTable('portfolios', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  handle: text('handle').notNull(),
  published: boolean('published').notNull().default(false),
  displayName: text('display_name'),
  bio: text('bio'),
  showStages: boolean('show_stages').notNull().default(true),
  showExercises: boolean('show_exercises').notNull().default(true),
  showProjects: boolean('show_projects').notNull().default(true),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

export const credentials = pgTable('credentials', {
  id: text('id').primaryKey(),
  userId: userRef(),
  stageId: text('stage_id').notNull(),
  jwt: text('jwt').notNull(),
  issuedAt: tz('issued_at').notNull().defaultNow(),
  // Migration 0005: the graded work it was issued on; null only before the start-up audit.
  evidence: jsonb('evidence'),
  revokedAt: tz('revoked_at'),
  revokedReason: text('revoked_reason'),
});

export const projectReports = pgTable('project_reports', {
  id: text('id').primaryKey(),
  userId: userRef(),
  projectId: text('project_id').notNull(),
  passed: boolean('passed').notNull(),
  passedStages: jsonb('passed_stages').notNull(),
  report: jsonb('report').notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
});

export const cohorts = pgTable('cohorts', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  ownerId: userRef('owner_id'),
  inviteToken: text('invite_token').notNull().unique(),
  createdAt: tz('created_at').notNull().defaultNow(),
});

export const cohortMembers = pgTable(
  'cohort_members',
  {
    cohortId: text('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    userId: userRef(),
    role: text('role').notNull(),
    joinedAt: tz('joined_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.userId] })],
);

export const submissionComments = pgTable('submission_comments', {
  id: text('id').primaryKey(),
  submissionId: text('submission_id')
    .notNull()
    .references(() => submissions.id, { onDelete: 'cascade' }),
  authorId: userRef('author_id'),
  parentId: text('parent_id'),
  body: text('body').notNull(),
  bodyHtml: text('body_html').notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
});
