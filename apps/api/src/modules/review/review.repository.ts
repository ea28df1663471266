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

/** Cards due before the end of the learner's local today ($2: their zone or null). */
export async function dueCards(db: Queryable, userId: string, timeZone: string | undefined, limit: number) {
  const endOfToday = `((${localDaySql('$2')} + 1)::timestamp AT TIME ZONE COALESCE($2::text,
    (SELECT time_zone FROM learner_settings WHERE user_id = $1), 'UTC'))`;
  return db.query<CardRow>(
    `SELECT question_key, card, due, reps FROM review_cards WHERE user_id = $1 AND due < ${endOfToday}
     ORDER BY due LIMIT $3`,
    [userId, timeZone ?? null, limit],
  );
}

export async function nextDue(db: Queryable, userId: string): Promise<string | null> {
  const [row] = await db.query<{ due: Date | string }>('SELECT min(due) AS due FROM review_cards WHERE user_id = $1', [
    userId,
  ]);
  return row?.due ? new Date(row.due).toISOString() : null;
}
