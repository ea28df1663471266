-- Credentials prove graded work (issue 13, ADR 012).
--
-- Topic status says who vouches for a "done": 'graded' (every exercise and the quiz of the topic
-- passed here), 'self' (the learner said so) or 'import' (brought in by a learning import). Only
-- graded work ever counts towards a credential; the status source is what the pages show.
ALTER TABLE topic_progress DROP CONSTRAINT topic_progress_source_check;
UPDATE topic_progress SET source = CASE source WHEN 'learner' THEN 'self' WHEN 'auto' THEN 'graded' ELSE source END;
ALTER TABLE topic_progress ALTER COLUMN source SET DEFAULT 'self';
ALTER TABLE topic_progress ADD CONSTRAINT topic_progress_source_check CHECK (source IN ('self', 'graded', 'import'));

-- A credential keeps the evidence it was issued on (each exercise, quiz and capstone stage passed,
-- when, and a SHA-256 of the passing work). Credentials issued before this rule have none: the
-- start-up audit (credentials module) re-checks each, re-signs it with its evidence when the
-- evidence holds and revokes it with a reason when it does not. A revoked credential stays
-- readable (its link says "revoked" and why); a new one may be issued for the same stage once the
-- evidence holds, so only one unrevoked credential per learner and stage is unique.
ALTER TABLE credentials ADD COLUMN evidence jsonb;
ALTER TABLE credentials ADD COLUMN revoked_at timestamptz;
ALTER TABLE credentials ADD COLUMN revoked_reason text;
ALTER TABLE credentials DROP CONSTRAINT credentials_user_id_stage_id_key;
CREATE UNIQUE INDEX credentials_active_stage_idx ON credentials (user_id, stage_id) WHERE revoked_at IS NULL;
CREATE INDEX credentials_user_idx ON credentials (user_id, issued_at);
CREATE INDEX credentials_unaudited_idx ON credentials (issued_at) WHERE evidence IS NULL AND revoked_at IS NULL;
