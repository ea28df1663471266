/** Stored notifications and per-kind preferences; every read and write is scoped to one learner. */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/client.ts';
import { afterClause, type Position } from '../../lib/cursor.ts';

export const NOTIFICATION_KINDS = ['comment', 'reply', 'review_due', 'credential'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string;
  created_at: Date | string;
  read_at: Date | string | null;
}

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string;
  /** The event it reports: the same key never notifies the same learner twice. */
  dedupeKey: string;
  /** Extra SQL condition (on parameters from $8) that must hold for the row to be written. */
  onlyIf?: { sql: string; params: unknown[] };
}

/**
 * Writes a notification unless the learner switched its kind off or already has one for the same
 * event. Returns whether a row was written.
 */
export async function createNotification(db: Queryable, n: NewNotification): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO notifications (id, user_id, kind, title, body, link, dedupe_key)
     SELECT $1, $2, $3, $4, $5, $6, $7
     WHERE NOT EXISTS (
       SELECT 1 FROM notification_preferences p WHERE p.user_id = $2 AND p.kind = $3 AND NOT p.in_app
     ) ${n.onlyIf ? `AND (${n.onlyIf.sql})` : ''}
     ON CONFLICT (user_id, dedupe_key) DO NOTHING
     RETURNING id`,
    [randomUUID(), n.userId, n.kind, n.title, n.body, n.link, n.dedupeKey, ...(n.onlyIf?.params ?? [])],
  );
  return rows.length > 0;
}

const COLUMNS = 'id, kind, title, body, link, created_at, read_at';

/** Newest first, `limit + 1` rows so the caller can tell whether another page follows. */
export function list(db: Queryable, userId: string, opts: { unreadOnly: boolean; after?: Position; limit: number }) {
  const after = afterClause(opts.after, 3);
  return db.query<NotificationRow>(
    `SELECT ${COLUMNS} FROM notifications
     WHERE user_id = $1 ${opts.unreadOnly ? 'AND read_at IS NULL' : ''} ${after.sql}
     ORDER BY created_at DESC, id DESC LIMIT $2`,
    [userId, opts.limit + 1, ...after.params],
  );
}

export async function unreadCount(db: Queryable, userId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL',
    [userId],
  );
  return row?.n ?? 0;
}

/** Marks one of the learner's notifications read (idempotent); undefined when it is not theirs. */
export async function markRead(db: Queryable, userId: string, id: string): Promise<NotificationRow | undefined> {
  const [row] = await db.query<NotificationRow>(
    `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`,
    [id, userId],
  );
  return row;
}

export async function markAllRead(db: Queryable, userId: string): Promise<number> {
  const rows = await db.query(
    'UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id',
    [userId],
  );
  return rows.length;
}

export async function hasDedupeKey(db: Queryable, userId: string, key: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM notifications WHERE user_id = $1 AND dedupe_key = $2', [userId, key]);
  return rows.length > 0;
}

/** Every kind with its setting; kinds the learner never changed are on. */
export async function preferences(db: Queryable, userId: string): Promise<Record<NotificationKind, boolean>> {
  const rows = await db.query<{ kind: NotificationKind; in_app: boolean }>(
    'SELECT kind, in_app FROM notification_preferences WHERE user_id = $1',
    [userId],
  );
  const prefs = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, true])) as Record<NotificationKind, boolean>;
  for (const r of rows) prefs[r.kind] = r.in_app;
  return prefs;
}

export async function setPreference(db: Queryable, userId: string, kind: NotificationKind, inApp: boolean) {
  await db.query(
    `INSERT INTO notification_preferences (user_id, kind, in_app) VALUES ($1, $2, $3)
     ON CONFLICT (user_id, kind) DO UPDATE SET in_app = EXCLUDED.in_app, updated_at = now()`,
    [userId, kind, inApp],
  );
}
