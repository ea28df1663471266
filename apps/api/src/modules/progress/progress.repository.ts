/** Topic status rows, keyed by the topic id stored at the time (resolved to current ids on read). */
import type { Queryable } from '../../db/client.ts';
import { RECORD_ACTIVITY_CTE } from '../activity/activity.repository.ts';

export type TopicStatus = 'not_started' | 'learning' | 'done' | 'skipped';
export const TOPIC_STATUSES: TopicStatus[] = ['not_started', 'learning', 'done', 'skipped'];

/**
 * Who vouches for a status: `graded` (every exercise and the quiz of the topic passed here), `self`
 * (the learner set it) or `import` (a learning import brought it). Only `graded` is evidence.
 */
export type StatusSource = 'graded' | 'self' | 'import';

export interface ProgressRow {
  topic_id: string;
  status: TopicStatus;
  source: StatusSource;
}

export async function listProgress(db: Queryable, userId: string): Promise<ProgressRow[]> {
  return db.query<ProgressRow>('SELECT topic_id, status, source FROM topic_progress WHERE user_id = $1', [userId]);
}

/**
 * Sets a topic's status and records the day's activity in one statement (one round trip); rows
 * stored under older ids of the same topic are removed so a rename cannot leave two answers.
 */
export async function setTopicStatus(
  db: Queryable,
  userId: string,
  timeZone: string | undefined,
  topicId: string,
  status: TopicStatus,
  source: StatusSource,
  oldIds: string[],
): Promise<void> {
  // Most topics were never renamed: then the statement has no DELETE part to plan and run.
  const cleared =
    oldIds.length > 0
      ? ', cleared AS (DELETE FROM topic_progress WHERE user_id = $1 AND topic_id = ANY($6::text[]) RETURNING 1)'
      : '';
  await db.query(
    `WITH ${RECORD_ACTIVITY_CTE}${cleared},
     upserted AS (
       INSERT INTO topic_progress (user_id, topic_id, status, source) VALUES ($1, $3, $4, $5)
       ON CONFLICT (user_id, topic_id) DO UPDATE SET status = EXCLUDED.status, source = EXCLUDED.source, updated_at = now()
       RETURNING 1)
     SELECT (SELECT count(*) FROM activity) + (SELECT count(*) FROM upserted) AS n`,
    oldIds.length > 0
      ? [userId, timeZone ?? null, topicId, status, source, oldIds]
      : [userId, timeZone ?? null, topicId, status, source],
  );
}

/**
 * Records a topic as done on graded evidence (automatic completion) unless it already is; a
 * self-reported or imported "done" is upgraded to graded. Rows under older ids of the topic are
 * folded into the current one. Answers whether anything changed.
 */
export async function markGradedDone(db: Queryable, userId: string, topicIds: string[], topicId: string) {
  const rows = await db.query<{ topic_id: string; status: string; source: string }>(
    'SELECT topic_id, status, source FROM topic_progress WHERE user_id = $1 AND topic_id = ANY($2::text[])',
    [userId, topicIds],
  );
  if (rows.some((r) => r.topic_id === topicId && r.status === 'done' && r.source === 'graded')) return false;
  const oldIds = topicIds.filter((id) => id !== topicId);
  if (oldIds.length > 0) {
    await db.query('DELETE FROM topic_progress WHERE user_id = $1 AND topic_id = ANY($2::text[])', [userId, oldIds]);
  }
  await db.query(
    `INSERT INTO topic_progress (user_id, topic_id, status, source) VALUES ($1, $2, 'done', 'graded')
     ON CONFLICT (user_id, topic_id) DO UPDATE SET status = 'done', source = 'graded', updated_at = now()`,
    [userId, topicId],
  );
  return true;
}
