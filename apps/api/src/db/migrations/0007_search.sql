-- Full-text search over the curriculum (lessons, exercises, quiz prompts). The rows are derived
-- from content/ and rebuilt at start-up when its checksum changes; learners' notes are searched in
-- place (one learner's notes at a time). PostgreSQL's english configuration stems words, and the
-- title outweighs the body in the ranking.
CREATE TABLE search_documents (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('lesson', 'exercise', 'question')),
  ref text NOT NULL,
  topic_id text,
  title text NOT NULL,
  body text NOT NULL,
  tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')
  ) STORED
);
CREATE INDEX search_documents_tsv_idx ON search_documents USING gin (tsv);

CREATE TABLE search_index_state (
  id integer PRIMARY KEY CHECK (id = 1),
  checksum text NOT NULL,
  built_at timestamptz NOT NULL DEFAULT now()
);
