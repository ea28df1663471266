/** Reads and writes of the `users` table; the only place that maps its rows to `UserRow`. */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/client.ts';

export type Role = 'learner' | 'mentor' | 'admin';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  emailVerifiedAt: Date | null;
  passwordHash: string | null;
  totpSecret: string | null;
  totpEnabledAt: Date | null;
  totpLastStep: number | null;
  createdAt: Date;
}

const COLUMNS =
  'id, email, name, role, email_verified_at, password_hash, totp_secret, totp_enabled_at, totp_last_step, created_at';

/** Who a caller is: what authorization needs on every request, read beside the session or token. */
export interface Identity {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface IdentityRow {
  user_id: string;
  user_email: string;
  user_name: string;
  user_role: Role;
}

/** The identity columns of `users u`, named so they can be selected beside another table's. */
export const IDENTITY_COLUMNS = 'u.id AS user_id, u.email AS user_email, u.name AS user_name, u.role AS user_role';

export function toIdentity(r: IdentityRow): Identity {
  return { id: r.user_id, email: r.user_email, name: r.user_name, role: r.user_role };
}

function toUser(r: Record<string, unknown>): UserRow {
  const date = (v: unknown) => (v ? new Date(v as string) : null);
  return {
    id: String(r.id),
    email: String(r.email),
    name: String(r.name),
    role: r.role as Role,
    emailVerifiedAt: date(r.email_verified_at),
    passwordHash: (r.password_hash as string | null) ?? null,
    totpSecret: (r.totp_secret as string | null) ?? null,
    totpEnabledAt: date(r.totp_enabled_at),
    totpLastStep: r.totp_last_step == null ? null : Number(r.totp_last_step),
    createdAt: new Date(r.created_at as string),
  };
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  const [row] = await db.query(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
  return row ? toUser(row) : undefined;
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  const [row] = await db.query(`SELECT ${COLUMNS} FROM users WHERE lower(email) = lower($1)`, [email]);
  return row ? toUser(row) : undefined;
}

/** Only the columns listed here can be set at creation: role and verification are never taken from a request. */
export async function insertUser(
  db: Queryable,
  u: { email: string; name: string; passwordHash: string | null; role?: Role; emailVerified?: boolean },
): Promise<UserRow> {
  const [row] = await db.query(
    `INSERT INTO users (id, email, name, password_hash, role, email_verified_at)
     VALUES ($1, $2, $3, $4, $5, CASE WHEN $6::boolean THEN now() END) RETURNING ${COLUMNS}`,
    [randomUUID(), u.email, u.name, u.passwordHash, u.role ?? 'learner', u.emailVerified ?? false],
  );
  return toUser(row!);
}

export async function updateUser(
  db: Queryable,
  id: string,
  set: Partial<{
    name: string;
    email: string;
    passwordHash: string;
    role: Role;
    emailVerified: boolean;
    totpSecret: string | null;
    totpEnabled: boolean;
    totpLastStep: number | null;
  }>,
): Promise<void> {
  const cols: string[] = [];
  const params: unknown[] = [id];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    cols.push(sql.replace('?', `$${params.length}`));
  };
  if (set.name !== undefined) add('name = ?', set.name);
  if (set.email !== undefined) add('email = ?', set.email);
  if (set.passwordHash !== undefined) add('password_hash = ?', set.passwordHash);
  if (set.role !== undefined) add('role = ?', set.role);
  if (set.emailVerified !== undefined) cols.push(`email_verified_at = ${set.emailVerified ? 'now()' : 'NULL'}`);
  if (set.totpSecret !== undefined) add('totp_secret = ?', set.totpSecret);
  if (set.totpEnabled !== undefined) cols.push(`totp_enabled_at = ${set.totpEnabled ? 'now()' : 'NULL'}`);
  if (set.totpLastStep !== undefined) add('totp_last_step = ?', set.totpLastStep);
  if (cols.length === 0) return;
  await db.query(`UPDATE users SET ${cols.join(', ')}, updated_at = now() WHERE id = $1`, params);
}

/** The public view of an account, as `GET /api/me` answers it. */
export const publicUser = (u: UserRow) => ({ id: u.id, email: u.email, name: u.name, role: u.role });
