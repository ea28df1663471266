/**
 * Server-side sessions. The cookie holds 256 random bits; the database holds only their SHA-256,
 * so a leaked table cannot be replayed. A session ends after an idle and an absolute lifetime,
 * on sign-out, or when the user signs out everywhere, changes or resets the password.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { Queryable } from '../../db/client.ts';
import { randomToken, sha256 } from './secrets.ts';
import { IDENTITY_COLUMNS, type Identity, type IdentityRow, toIdentity } from './users.repository.ts';

export interface SessionInfo {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

/** `__Host-` binds the cookie to this exact origin over HTTPS (no Domain, Path=/, Secure). */
export function sessionCookieName(config: Pick<Config, 'publicUrl'>): string {
  return config.publicUrl.startsWith('https://') ? '__Host-backpath_session' : 'backpath_session';
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(sessionCookieName(config), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https://'),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(sessionCookieName(config), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https://'),
  });
}

/** Always a new id: signing in never reuses a session the browser already had (no fixation). */
export async function createSession(
  db: Queryable,
  config: Config,
  userId: string,
  req?: FastifyRequest,
): Promise<{ id: string; token: string }> {
  const token = randomToken(32);
  const id = randomUUID();
  await db.query(
    `INSERT INTO sessions (id, token_hash, user_id, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4), $5, $6)`,
    [id, sha256(token), userId, config.auth.sessionAbsoluteHours, req?.ip ?? null, userAgent(req)],
  );
  return { id, token };
}

const userAgent = (req?: FastifyRequest) => {
  const ua = req?.headers['user-agent'];
  return typeof ua === 'string' ? ua.slice(0, 300) : null;
};

/**
 * The live session for a cookie value with its user's identity, in one query (this runs on every
 * signed-in request); touches `last_seen_at` at most once a minute.
 */
export async function findLiveSession(
  db: Queryable,
  config: Config,
  token: string,
): Promise<{ id: string; user: Identity } | undefined> {
  const [row] = await db.query<IdentityRow & { session_id: string; stale: boolean }>(
    `SELECT s.id AS session_id, s.last_seen_at < now() - interval '1 minute' AS stale, ${IDENTITY_COLUMNS}
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => $2)`,
    [sha256(token), config.auth.sessionIdleMinutes],
  );
  if (!row) return undefined;
  if (row.stale) await db.query('UPDATE sessions SET last_seen_at = now() WHERE id = $1', [row.session_id]);
  return { id: row.session_id, user: toIdentity(row) };
}

export async function listSessions(db: Queryable, config: Config, userId: string): Promise<SessionInfo[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id, created_at, last_seen_at, expires_at, ip, user_agent FROM sessions
     WHERE user_id = $1 AND expires_at > now() AND last_seen_at > now() - make_interval(mins => $2)
     ORDER BY last_seen_at DESC`,
    [userId, config.auth.sessionIdleMinutes],
  );
  const iso = (v: unknown) => new Date(v as string).toISOString();
  return rows.map((r) => ({
    id: String(r.id),
    createdAt: iso(r.created_at),
    lastSeenAt: iso(r.last_seen_at),
    expiresAt: iso(r.expires_at),
    ip: (r.ip as string | null) ?? null,
    userAgent: (r.user_agent as string | null) ?? null,
  }));
}

/** Deletes one of the user's sessions; false when it is not theirs (or does not exist). */
export async function revokeSession(db: Queryable, userId: string, sessionId: string): Promise<boolean> {
  const rows = await db.query('DELETE FROM sessions WHERE id = $1 AND user_id = $2 RETURNING id', [sessionId, userId]);
  return rows.length > 0;
}

/** Deletes every session of the user except `keep`; returns how many ended. */
export async function revokeAllSessions(db: Queryable, userId: string, keep?: string): Promise<number> {
  const rows = await db.query('DELETE FROM sessions WHERE user_id = $1 AND id <> $2 RETURNING id', [
    userId,
    keep ?? '',
  ]);
  return rows.length;
}
