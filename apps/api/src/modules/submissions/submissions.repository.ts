/** Stored submissions: every run and submit with its code, verdict, timings and content version. */
import type { GradeResult } from '@backpath/contracts';
import type { Queryable } from '../../db/client.ts';
import { afterClause, type Position } from '../../lib/cursor.ts';

export type SubmissionStatus = 'queued' | 'grading' | 'graded' | 'failed';

export interface SubmissionRow {
  id: string;
  user_id: string;
  exercise_id: string;
  mode: 'run' | 'submit';
  code: string;
  status: SubmissionStatus;
  verdict: 'pass' | 'fail' | 'error' | null;
  result: GradeResult | null;
  content_version: string;
  duration_ms: number | null;
  tests_passed: number | null;
  created_at: Date | string;
  graded_at: Date | string | null;
}

const COLUMNS = `id, user_id, exercise_id, mode, code, status, verdict, result, content_version, duration_ms,
  tests_passed, created_at, graded_at`;

export async function insertSubmission(
  db: Queryable,
  row: Pick<SubmissionRow, 'id' | 'user_id' | 'exercise_id' | 'mode' | 'code' | 'status' | 'content_version'>,
): Promise<SubmissionRow> {
  const [inserted] = await db.query<SubmissionRow>(
    `INSERT INTO submissions (id, user_id, exercise_id, mode, code, status, content_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [row.id, row.user_id, row.exercise_id, row.mode, row.code, row.status, row.content_version],
  );
  return inserted!;
}

export async function getSubmission(db: Queryable, id: string): Promise<SubmissionRow | undefined> {
  const [row] = await db.query<SubmissionRow>(`SELECT ${COLUMNS} FROM submissions WHERE id = $1`, [id]);
  return row;
}

/** Claims a submission for grading; undefined when it is already graded (at-least-once delivery). */
export async function claimSubmission(db: Queryable, id: string): Promise<SubmissionRow | undefined> {
  const [row] = await db.query<SubmissionRow>(
    `UPDATE submissions SET status = 'grading' WHERE id = $1 AND status IN ('queued', 'grading') RETURNING ${COLUMNS}`,
    [id],
  );
  return row;
}

/**
 * Records a verdict once: a second grading of the same submission (at-least-once delivery, or two
 * processes recovering the same work) finds it settled and changes nothing. Answers the finished
 * row when this call recorded it (so nobody reads it back), undefined otherwise.
 */
export async function finishSubmission(
  db: Queryable,
  id: string,
  result: GradeResult | null,
): Promise<SubmissionRow | undefined> {
  const passed = result ? result.tests.filter((t) => t.status === 'pass').length : null;
  const [row] = await db.query<SubmissionRow>(
    `UPDATE submissions SET status = $2, verdict = $3, result = $4, duration_ms = $5, tests_passed = $6,
       graded_at = now() WHERE id = $1 AND status IN ('queued', 'grading') RETURNING ${COLUMNS}`,
    [
      id,
      result ? 'graded' : 'failed',
      result?.status ?? null,
      result ? JSON.stringify(result) : null,
      result ? Math.round(result.durationMs) : null,
      passed,
    ],
  );
  return row;
}

export interface PendingSubmission {
  id: string;
  user_id: string;
  mode: 'run' | 'submit';
}

/**
 * Rows accepted but not settled: `queued` ones older than `queuedSeconds` and `grading` ones older
 * than `gradingSeconds` (0 and 0: every pending row). Oldest first, at most `limit`.
 */
export async function pendingSubmissions(
  db: Queryable,
  opts: { queuedSeconds: number; gradingSeconds: number; limit: number },
): Promise<PendingSubmission[]> {
  return db.query<PendingSubmission>(
    `SELECT id, user_id, mode FROM submissions
     WHERE status IN ('queued', 'grading')
       AND ((status = 'queued' AND created_at <= now() - make_interval(secs => $1::int))
         OR (status = 'grading' AND created_at <= now() - make_interval(secs => $2::int)))
     ORDER BY created_at LIMIT $3`,
    [opts.queuedSeconds, opts.gradingSeconds, opts.limit],
  );
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function listSubmissions(
  db: Queryable,
  userId: string,
  exerciseIds: string[],
  limit: number,
  after?: Position,
): Promise<SubmissionRow[]> {
  const where = afterClause(after, 4);
  return db.query<SubmissionRow>(
    `SELECT ${COLUMNS} FROM submissions WHERE user_id = $1 AND exercise_id = ANY($2::text[]) ${where.sql}
     ORDER BY created_at DESC, id DESC LIMIT $3`,
    [userId, exerciseIds, limit, ...where.params],
  );
}

/** A learner's graded-for-real submits (what a mentor reviews), newest first. */
export async function listSubmits(db: Queryable, userId: string, limit: number, after?: Position) {
  const where = afterClause(after, 3);
  return db.query<SubmissionRow>(
    `SELECT ${COLUMNS} FROM submissions WHERE user_id = $1 AND mode = 'submit' ${where.sql}
     ORDER BY created_at DESC, id DESC LIMIT $2`,
    [userId, limit, ...where.params],
  );
}

export async function latestSubmission(db: Queryable, userId: string, exerciseIds: string[]) {
  return (await listSubmissions(db, userId, exerciseIds, 1))[0];
}

/** The best graded attempt: a pass over a fail over an error, then most tests passed, then earliest. */
export async function bestSubmission(db: Queryable, userId: string, exerciseIds: string[]) {
  const [row] = await db.query<SubmissionRow>(
    `SELECT ${COLUMNS} FROM submissions WHERE user_id = $1 AND exercise_id = ANY($2::text[]) AND status = 'graded'
     ORDER BY (mode = 'submit') DESC, CASE verdict WHEN 'pass' THEN 0 WHEN 'fail' THEN 1 ELSE 2 END,
       tests_passed DESC NULLS LAST, created_at ASC LIMIT 1`,
    [userId, exerciseIds],
  );
  return row;
}

export async function recentSubmissions(db: Queryable, userId: string, limit: number): Promise<SubmissionRow[]> {
  return db.query<SubmissionRow>(
    `SELECT ${COLUMNS} FROM submissions WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
    [userId, limit],
  );
}
