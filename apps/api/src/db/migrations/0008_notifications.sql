-- In-app notifications: one row per thing a learner should hear about (a mentor's comment on their
-- submission, a reply to their comment, review cards due today, a credential issued). `dedupe_key`
-- makes each event notify at most once (a comment id, a credential id, "review_due:<local day>").
CREATE TABLE notifications (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('comment', 'reply', 'review_due', 'credential')),
  title text NOT NULL,
  body text NOT NULL,
  link text NOT NULL,
  dedupe_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE UNIQUE INDEX notifications_dedupe_idx ON notifications (user_id, dedupe_key);
-- The list, newest first, paged by (created_at, id).
CREATE INDEX notifications_user_created_idx ON notifications (user_id, created_at DESC, id DESC);
-- The header's unread count, read every minute by every signed-in tab.
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

-- A missing row means the default: the kind is on.
CREATE TABLE notification_preferences (
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('comment', 'reply', 'review_due', 'credential')),
  in_app boolean NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, kind)
);
