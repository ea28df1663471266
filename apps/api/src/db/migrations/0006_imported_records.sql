-- Records a learning import brings from another Backpath that this instance cannot re-create as its
-- own: credentials signed by the other instance's key, capstone reports verified there, cohort
-- memberships and comments in that instance's cohorts. Kept as they were, shown as imported, carried
-- into the next export (so moving twice loses nothing), and never evidence here.
CREATE TABLE imported_records (
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('credential', 'project_report', 'cohort', 'comment')),
  key text NOT NULL,
  source text,
  payload jsonb NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, kind, key)
);
