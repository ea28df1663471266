/**
 * Personal API tokens: `bp_` + 256 random bits, shown once at creation, stored as SHA-256. Every
 * query is scoped by the owner's id, so one user's id in a URL cannot reach another's token.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/client.ts';
import type { Scope } from '../../plugins/auth.ts';
import { randomToken, sha256 } from '../auth/secrets.ts';
import { IDENTITY_COLUMNS, type Identity, type IdentityRow, toIdentity } from '../auth/users.repository.ts';

export interface ApiToken {
  id: string;
  name: string;
  scopes: Scope[];
  createdAt: string;
  lastUsedAt: string | null;
}

export async function createToken(
  db: Queryable,
  userId: string,
  name: string,
  scopes: Scope[],
): Promise<ApiToken & { token: string }> {
  const token = `bp_${randomToken(32)}`;
  const id = randomUUID();
  const unique = [...new Set(scopes)].sort() as Scope[];
  const [row] = await db.query<{ created_at: string }>(
    'INSERT INTO api_tokens (id, user_id, name, token_hash, scopes) VALUES ($1, $2, $3, $4, $5) RETURNING created_at',
    [id, userId, name, sha256(token), unique],
  );
  return { id, name, scopes: unique, createdAt: new Date(row!.created_at).toISOString(), lastUsedAt: null, token };
}

/** The live token for a presented secret with its owner's identity, in one query; records its use at most once a minute. */
export async function findLiveToken(
  db: Queryable,
  token: string,
): Promise<{ id: string; user: Identity; scopes: Scope[] } | undefined> {
  const [row] = await db.query<IdentityRow & { token_id: string; scopes: Scope[]; stale: boolean }>(
    `SELECT t.id AS token_id, t.scopes, (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale,
       ${IDENTITY_COLUMNS}
     FROM api_tokens t JOIN users u ON u.id = t.user_id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
    [sha256(token)],
  );
  if (!row) return undefined;
  if (row.stale) await db.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [row.token_id]);
  return { id: row.token_id, user: toIdentity(row), scopes: row.scopes };
}

export async function listTokens(db: Queryable, userId: string): Promise<ApiToken[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id, name, scopes, created_at, last_used_at FROM api_tokens
     WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC, id`,
    [userId],
  );
  return rows.map((r) => ({
    id: String(r.id),
    name: String(r.name),
    scopes: r.scopes as Scope[],
    createdAt: new Date(r.created_at as string).toISOString(),
    lastUsedAt: r.last_used_at ? new Date(r.last_used_at as string).toISOString() : null,
  }));
}

/** Revokes the user's own token; false when it is not theirs, unknown, or already revoked. */
export async function revokeToken(db: Queryable, userId: string, id: string): Promise<boolean> {
  const rows = await db.query(
    'UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id',
    [id, userId],
  );
  return rows.length > 0;
}

/** Revokes the token with this secret if it is the user's and live; its id, or undefined. */
export async function revokeTokenBySecret(db: Queryable, userId: string, token: string): Promise<string | undefined> {
  const [row] = await db.query<{ id: string }>(
    'UPDATE api_tokens SET revoked_at = now() WHERE token_hash = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id',
    [sha256(token), userId],
  );
  return row?.id;
}
