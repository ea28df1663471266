/** Daily activity rows: one per learner per local day, counting learning actions. */
import type { Queryable } from '../../db/client.ts';
import { localDaySql } from './time-zone.ts';

/** A CTE to prepend to another write so recording activity costs no extra round trip ($1 user, $2 zone). */
export const RECORD_ACTIVITY_CTE = `activity AS (
  INSERT INTO activity_days (user_id, day) VALUES ($1, ${localDaySql('$2')})
  ON CONFLICT (user_id, day) DO UPDATE SET actions = activity_days.actions + 1
  RETURNING 1
)`;

export async function recordActivity(db: Queryable, userId: string, timeZone: string | undefined): Promise<void> {
  await db.query(`WITH ${RECORD_ACTIVITY_CTE} SELECT 1 FROM activity`, [userId, timeZone ?? null]);
}

export async function activityDays(
  db: Queryable,
  userId: string,
  from: string,
  to: string,
): Promise<{ day: string; actions: number }[]> {
  return db.query(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, actions FROM activity_days
     WHERE user_id = $1 AND day BETWEEN $2::date AND $3::date ORDER BY day`,
    [userId, from, to],
  );
}

/** Today's date in the learner's zone, as the database sees it (one clock for writes and reads). */
export async function localToday(db: Queryable, userId: string, timeZone: string | undefined): Promise<string> {
  const [row] = await db.query<{ today: string }>(`SELECT to_char(${localDaySql('$2')}, 'YYYY-MM-DD') AS today`, [
    userId,
    timeZone ?? null,
  ]);
  return row!.today;
}

/** Active days, newest first, up to `limit` (enough to count a streak). */
export async function recentDays(db: Queryable, userId: string, limit = 400): Promise<string[]> {
  const rows = await db.query<{ day: string }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day FROM activity_days WHERE user_id = $1 ORDER BY day DESC LIMIT $2`,
    [userId, limit],
  );
  return rows.map((r) => r.day);
}

export async function setTimeZone(db: Queryable, userId: string, timeZone: string): Promise<void> {
  await db.query(
    `INSERT INTO learner_settings (user_id, time_zone) VALUES ($1, $2)
     ON CONFLICT (user_id) DO UPDATE SET time_zone = EXCLUDED.time_zone, updated_at = now()`,
    [userId, timeZone],
  );
}

export async function getTimeZone(db: Queryable, userId: string): Promise<string> {
  const [row] = await db.query<{ time_zone: string }>('SELECT time_zone FROM learner_settings WHERE user_id = $1', [
    userId,
  ]);
  return row?.time_zone ?? 'UTC';
}
