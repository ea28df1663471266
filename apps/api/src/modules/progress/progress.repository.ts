/** Topic status rows, keyed by the topic id stored at the time (resolved to current ids on read). */
import type { Queryable } from '../../db/client.ts';
import { RECORD_ACTIVITY_CTE } from '../activity/activity.repository.ts';

export type TopicStatus = 'not_started' | 'learning' | 'done' | 'skipped';
export const TOPIC_STATUSES: TopicStatus[] = ['not_started', 'learning', 'done', 'skipped'];

export interface ProgressRow {
  topic_id: string;
  status: TopicStatus;
}

export async function listProgress(db: Queryable, userId: string): Promise<ProgressRow[]> {
  return db.query<ProgressRow>('SELECT topic_id, status FROM topic_progress WHERE user_id = $1', [userId]);
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
  source: 'learner' | 'auto' | 'import',
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

/** Sets a status only if the topic has none yet or is not already done (automatic completion). */
export async function markDoneIfNot(db: Queryable, userId: string, topicIds: string[], topicId: string) {
  const rows = await db.query<{ status: string }>(
    'SELECT status FROM topic_progress WHERE user_id = $1 AND topic_id = ANY($2::text[])',
    [userId, topicIds],
  );
  if (rows.some((r) => r.status === 'done')) return false;
  await db.query(
    `INSERT INTO topic_progress (user_id, topic_id, status, source) VALUES ($1, $2, 'done', 'auto')
     ON CONFLICT (user_id, topic_id) DO UPDATE SET status = 'done', source = 'auto', updated_at = now()`,
    [userId, topicId],
  );
  return true;
}
