/**
 * Keyset pagination for lists ordered newest first by `(created_at, id)`: the cursor is the last
 * row's position, opaque to clients, so a page never skips or repeats rows that arrive meanwhile.
 */
import { AppError } from '../errors.ts';

export interface Position {
  createdAt: string;
  id: string;
}

export function encodeCursor(row: { created_at: Date | string; id: string }): string {
  return Buffer.from(JSON.stringify([new Date(row.created_at).toISOString(), row.id])).toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof id !== 'string' || Number.isNaN(Date.parse(createdAt))) throw new Error('bad cursor');
    return { createdAt, id };
  } catch {
    throw new AppError('validation_failed', 'The cursor is not one this API returned.');
  }
}

/** SQL for "after this position" in a `created_at DESC, id DESC` list, with its two parameters at `$n`, `$n+1`. */
export function afterClause(after: Position | undefined, n: number): { sql: string; params: unknown[] } {
  if (!after) return { sql: '', params: [] };
  return { sql: `AND (created_at, id) < ($${n}::timestamptz, $${n + 1})`, params: [after.createdAt, after.id] };
}

/** Splits `limit + 1` fetched rows into a page and the cursor of the next one (null on the last page). */
export function toPage<R extends { created_at: Date | string; id: string }, V>(
  rows: R[],
  limit: number,
  view: (row: R) => V,
): { items: V[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(view), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
