-- Submissions and quiz attempts brought in by a learning import were graded somewhere else (or not
-- at all): they stay in the learner's history but are not evidence for the portfolio or for
-- completing a topic automatically.
ALTER TABLE submissions ADD COLUMN imported boolean NOT NULL DEFAULT false;
ALTER TABLE quiz_attempts ADD COLUMN imported boolean NOT NULL DEFAULT false;
