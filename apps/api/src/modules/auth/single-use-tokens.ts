/**
 * Single-use, expiring tokens for email verification, password reset, email change, two-factor
 * challenges and OAuth state. Consuming one marks it used in the same statement, so two
 * concurrent uses cannot both succeed.
 */
import type { Queryable } from '../../db/client.ts';
import { randomToken, sha256 } from './secrets.ts';

export type TokenPurpose = 'verify_email' | 'reset_password' | 'change_email' | 'two_factor' | 'oauth_state';

export const TOKEN_TTL_MINUTES: Record<TokenPurpose, number> = {
  verify_email: 24 * 60,
  reset_password: 60,
  change_email: 24 * 60,
  two_factor: 5,
  oauth_state: 10,
};

export async function issueToken(
  db: Queryable,
  purpose: TokenPurpose,
  userId: string | null,
  data: Record<string, unknown> = {},
): Promise<string> {
  const token = randomToken(32);
  await db.query(
    `INSERT INTO auth_tokens (token_hash, purpose, user_id, data, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5))`,
    [sha256(token), purpose, userId, JSON.stringify(data), TOKEN_TTL_MINUTES[purpose]],
  );
  return token;
}

/** Marks the token used and returns it, or undefined when unknown, expired, already used or for another purpose. */
export async function consumeToken(
  db: Queryable,
  purpose: TokenPurpose,
  token: string,
): Promise<{ userId: string | null; data: Record<string, unknown> } | undefined> {
  const [row] = await db.query<{ user_id: string | null; data: unknown }>(
    `UPDATE auth_tokens SET used_at = now()
     WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
     RETURNING user_id, data`,
    [sha256(token), purpose],
  );
  if (!row) return undefined;
  const data = typeof row.data === 'string' ? JSON.parse(row.data) : row.data;
  return { userId: row.user_id, data: data as Record<string, unknown> };
}

/** Reads a token without using it up (a two-factor challenge survives a mistyped code). */
export async function peekToken(
  db: Queryable,
  purpose: TokenPurpose,
  token: string,
): Promise<{ userId: string | null; data: Record<string, unknown> } | undefined> {
  const [row] = await db.query<{ user_id: string | null; data: unknown }>(
    `SELECT user_id, data FROM auth_tokens
     WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()`,
    [sha256(token), purpose],
  );
  if (!row) return undefined;
  const data = typeof row.data === 'string' ? JSON.parse(row.data) : row.data;
  return { userId: row.user_id, data: data as Record<string, unknown> };
}

/** Voids every outstanding token of a purpose for a user (a reset link dies once another is used). */
export async function voidTokens(db: Queryable, userId: string, purpose: TokenPurpose): Promise<void> {
  await db.query('UPDATE auth_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL', [
    userId,
    purpose,
  ]);
}
