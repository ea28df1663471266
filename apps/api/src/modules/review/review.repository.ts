/** FSRS review cards, one per (learner, quiz question), stored as the ts-fsrs card JSON. */
import type { Queryable } from '../../db/client.ts';
import { localDaySql } from '../activity/time-zone.ts';

export interface CardRow {
  question_key: string;
  card: Record<string, unknown>;
  due: Date | string;
  reps: number;
}

export async function getCards(db: Queryable, userId: string, keys: string[]): Promise<CardRow[]> {
  return db.query<CardRow>(
    'SELECT question_key, card, due, reps FROM review_cards WHERE user_id = $1 AND question_key = ANY($2::text[])',
    [userId, keys],
  );
}

export async function upsertCard(db: Queryable, userId: string, key: string, card: { due: Date; reps: number }) {
  await db.query(
    `INSERT INTO review_cards (user_id, question_key, card, due, reps) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (user_id, question_key) DO UPDATE
       SET card = EXCLUDED.card, due = EXCLUDED.due, reps = EXCLUDED.reps, updated_at = now()`,
    [userId, key, JSON.stringify(card), card.due.toISOString(), card.reps],
  );
}

/** Keys of every card due before the end of the learner's local today ($2: their zone or null), oldest due first. */
export async function dueKeys(db: Queryable, userId: string, timeZone: string | undefined): Promise<string[]> {
  const endOfToday = `((${localDaySql('$2')} + 1)::timestamp AT TIME ZONE COALESCE($2::text,
    (SELECT time_zone FROM learner_settings WHERE user_id = $1), 'UTC'))`;
  const rows = await db.query<{ question_key: string }>(
    `SELECT question_key FROM review_cards WHERE user_id = $1 AND due < ${endOfToday} ORDER BY due, question_key`,
    [userId, timeZone ?? null],
  );
  return rows.map((r) => r.question_key);
}

export async function nextDue(db: Queryable, userId: string): Promise<string | null> {
  const [row] = await db.query<{ due: Date | string }>('SELECT min(due) AS due FROM review_cards WHERE user_id = $1', [
    userId,
  ]);
  return row?.due ? new Date(row.due).toISOString() : null;
}
