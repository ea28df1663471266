/**
 * The documented learning export format (`backpath-learning-export`): progress, notes, links,
 * submissions and quiz attempts, keyed by content ids, so it imports into any instance; version 2
 * adds `records` (review schedule, activity, settings, portfolio, and what belongs to the exporting
 * instance: its credentials, capstone reports, cohorts and comments). Version 1 files still import.
 */
import { type Static, type TSchema, Type } from 'typebox';

const Id = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 });
const Time = Type.String({ format: 'date-time' });
const Text = (maxLength: number) => Type.String({ maxLength });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** Everything else the platform keeps about a learner (version 2). */
export const LearnerRecords = Type.Object(
  {
    /** The exporting instance's public URL: where its credentials and reports can be checked. */
    source: Nullable(Text(300)),
    timeZone: Nullable(Text(64)),
    activityDays: Type.Array(
      Type.Object({ date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), actions: Type.Integer({ minimum: 1 }) }),
      { maxItems: 20_000 },
    ),
    reviewCards: Type.Array(
      Type.Object({
        questionKey: Text(200),
        due: Nullable(Time),
        reps: Type.Integer({ minimum: 0 }),
        card: Type.Unknown(),
      }),
      { maxItems: 20_000 },
    ),
    portfolio: Nullable(
      Type.Object({
        handle: Text(64),
        published: Type.Boolean(),
        displayName: Nullable(Text(200)),
        bio: Nullable(Text(5_000)),
        showStages: Type.Boolean(),
        showExercises: Type.Boolean(),
        showProjects: Type.Boolean(),
        updatedAt: Nullable(Time),
      }),
    ),
    credentials: Type.Array(
      Type.Object({
        id: Text(100),
        stageId: Text(100),
        jwt: Text(20_000),
        issuedAt: Nullable(Time),
        /** Set when this credential was itself imported: the instance that signed it. */
        importedFrom: Type.Optional(Nullable(Text(300))),
      }),
      { maxItems: 1_000 },
    ),
    projectReports: Type.Array(
      Type.Object({
        id: Text(100),
        projectId: Text(100),
        passed: Type.Boolean(),
        passedStages: Type.Unknown(),
        report: Type.Unknown(),
        createdAt: Nullable(Time),
        importedFrom: Type.Optional(Nullable(Text(300))),
      }),
      { maxItems: 5_000 },
    ),
    cohorts: Type.Array(
      Type.Object({
        id: Text(100),
        name: Text(200),
        role: Text(20),
        joinedAt: Nullable(Time),
        importedFrom: Type.Optional(Nullable(Text(300))),
      }),
      { maxItems: 1_000 },
    ),
    commentsWritten: Type.Array(
      Type.Object({
        id: Text(100),
        submissionId: Text(100),
        parentId: Nullable(Text(100)),
        body: Text(20_000),
        createdAt: Nullable(Time),
        importedFrom: Type.Optional(Nullable(Text(300))),
      }),
      { maxItems: 20_000 },
    ),
  },
  { additionalProperties: false },
);
export type LearnerRecords = Static<typeof LearnerRecords>;

export const LearningExport = Type.Object(
  {
    format: Type.Literal('backpath-learning-export'),
    version: Type.Union([Type.Literal(1), Type.Literal(2)]),
    exportedAt: Time,
    contentVersion: Type.String({ maxLength: 100 }),
    progress: Type.Array(
      Type.Object({
        topicId: Id,
        status: Type.Union(['not_started', 'learning', 'done', 'skipped'].map((s) => Type.Literal(s))),
        updatedAt: Time,
      }),
      { maxItems: 5_000 },
    ),
    notes: Type.Array(Type.Object({ topicId: Id, body: Type.String({ maxLength: 50_000 }), updatedAt: Time }), {
      maxItems: 5_000,
    }),
    links: Type.Array(
      Type.Object({
        topicId: Id,
        url: Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 2000 }),
        title: Type.String({ maxLength: 200 }),
        createdAt: Time,
      }),
      { maxItems: 20_000 },
    ),
    submissions: Type.Array(
      Type.Object({
        exerciseId: Id,
        mode: Type.Union([Type.Literal('run'), Type.Literal('submit')]),
        code: Type.String({ maxLength: 64 * 1024 }),
        verdict: Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('error'), Type.Null()]),
        result: Type.Unknown(),
        contentVersion: Type.String({ maxLength: 100 }),
        createdAt: Time,
        gradedAt: Type.Union([Time, Type.Null()]),
        durationMs: Type.Union([Type.Number(), Type.Null()]),
      }),
      { maxItems: 20_000 },
    ),
    quizAttempts: Type.Array(
      Type.Object({
        quizId: Id,
        answers: Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())])),
        correct: Type.Integer({ minimum: 0 }),
        total: Type.Integer({ minimum: 0 }),
        passed: Type.Boolean(),
        contentVersion: Type.String({ maxLength: 100 }),
        createdAt: Time,
      }),
      { maxItems: 20_000 },
    ),
    records: Type.Optional(LearnerRecords),
  },
  { additionalProperties: false },
);
export type LearningExport = Static<typeof LearningExport>;
