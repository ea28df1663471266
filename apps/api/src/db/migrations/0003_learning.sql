-- The learning journey: progress, submissions, quiz attempts, spaced review, notes, activity,
-- portfolio, credentials, cohorts and capstone reports. Content ids are stored as text (the stable
-- ids at the time of writing) and resolved through the curriculum's id-map when read.

CREATE TABLE topic_progress (
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  topic_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('not_started', 'learning', 'done', 'skipped')),
  source text NOT NULL DEFAULT 'learner' CHECK (source IN ('learner', 'auto', 'import')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, topic_id)
);

CREATE TABLE submissions (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  exercise_id text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('run', 'submit')),
  code text NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'grading', 'graded', 'failed')),
  verdict text CHECK (verdict IN ('pass', 'fail', 'error')),
  result jsonb,
  content_version text NOT NULL,
  duration_ms integer,
  tests_passed integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  graded_at timestamptz
);
CREATE INDEX submissions_user_exercise_idx ON submissions (user_id, exercise_id, created_at DESC);
CREATE INDEX submissions_user_created_idx ON submissions (user_id, created_at DESC);
CREATE INDEX submissions_pending_idx ON submissions (created_at) WHERE status IN ('queued', 'grading');

CREATE TABLE quiz_attempts (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  quiz_id text NOT NULL,
  answers jsonb NOT NULL,
  correct integer NOT NULL,
  total integer NOT NULL,
  passed boolean NOT NULL,
  content_version text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quiz_attempts_user_quiz_idx ON quiz_attempts (user_id, quiz_id, created_at DESC);

-- One FSRS card per quiz question a learner has seen; question_key is "<quizId>.<questionId>".
CREATE TABLE review_cards (
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  question_key text NOT NULL,
  card jsonb NOT NULL,
  due timestamptz NOT NULL,
  reps integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, question_key)
);
CREATE INDEX review_cards_due_idx ON review_cards (user_id, due);

CREATE TABLE topic_notes (
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  topic_id text NOT NULL,
  body text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, topic_id)
);

CREATE TABLE topic_links (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  topic_id text NOT NULL,
  url text NOT NULL,
  title text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX topic_links_user_topic_idx ON topic_links (user_id, topic_id, created_at);

CREATE TABLE learner_settings (
  user_id text PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  time_zone text NOT NULL DEFAULT 'UTC',
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per learner per local calendar day with any learning action.
CREATE TABLE activity_days (
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  day date NOT NULL,
  actions integer NOT NULL DEFAULT 1,
  PRIMARY KEY (user_id, day)
);

CREATE TABLE portfolios (
  user_id text PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  handle text NOT NULL,
  published boolean NOT NULL DEFAULT false,
  display_name text,
  bio text,
  show_stages boolean NOT NULL DEFAULT true,
  show_exercises boolean NOT NULL DEFAULT true,
  show_projects boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX portfolios_handle_idx ON portfolios (lower(handle));

CREATE TABLE credentials (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  stage_id text NOT NULL,
  jwt text NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, stage_id)
);

CREATE TABLE project_reports (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  project_id text NOT NULL,
  passed boolean NOT NULL,
  passed_stages jsonb NOT NULL,
  report jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX project_reports_user_idx ON project_reports (user_id, project_id, created_at DESC);

CREATE TABLE cohorts (
  id text PRIMARY KEY,
  name text NOT NULL,
  owner_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  invite_token text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cohort_members (
  cohort_id text NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('mentor', 'learner')),
  joined_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cohort_id, user_id)
);
CREATE INDEX cohort_members_user_idx ON cohort_members (user_id);

CREATE TABLE submission_comments (
  id text PRIMARY KEY,
  submission_id text NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  author_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  parent_id text REFERENCES submission_comments(id) ON DELETE CASCADE,
  body text NOT NULL,
  body_html text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX submission_comments_submission_idx ON submission_comments (submission_id, created_at);
