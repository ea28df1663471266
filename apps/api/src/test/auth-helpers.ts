/**
 * One-line authentication for API tests: a verified account with a session cookie, an account
 * with a given role, or a personal API token. Accounts are written straight to the database (with
 * a cheap password hash) so colleagues' tests stay fast; the auth tests exercise the real flows.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/client.ts';
import { hashPassword } from '../modules/auth/secrets.ts';
import { createSession, sessionCookieName } from '../modules/auth/sessions.ts';
import { insertUser, publicUser, type Role } from '../modules/auth/users.repository.ts';
import { authContext, type Scope } from '../plugins/auth.ts';

export const TEST_PASSWORD = 'Correct-Horse-Battery-9';
let cheapHash: Promise<string> | undefined;

export interface SignedUp {
  user: { id: string; email: string; name: string; role: Role };
  /** A `Cookie` header value. */
  cookie: string;
  /** Headers a browser sends on a same-origin request: spread them into a cookie-authenticated POST. */
  csrfHeaders: Record<string, string>;
  password: string;
}

/** A unique address, so tests can make as many accounts as they like. */
export const uniqueEmail = (prefix = 'user') => `${prefix}-${randomBytes(6).toString('hex')}@example.test`;

/** A verified learner (or the overridden role) with a signed-in session. */
export async function signUp(
  app: FastifyInstance,
  overrides: { email?: string; name?: string; role?: Role } = {},
): Promise<SignedUp> {
  const { db, config } = authContext(app);
  cheapHash ??= hashPassword(TEST_PASSWORD, 10);
  const row = await insertUser(db, {
    email: overrides.email ?? uniqueEmail(),
    name: overrides.name ?? 'Test User',
    passwordHash: await cheapHash,
    role: overrides.role ?? 'learner',
    emailVerified: true,
  });
  const session = await createSession(db, config, row.id);
  return {
    user: publicUser(row),
    cookie: `${sessionCookieName(config)}=${session.token}`,
    csrfHeaders: { origin: new URL(config.publicUrl).origin },
    password: TEST_PASSWORD,
  };
}

/** A signed-in account with `role` (the `db` argument is kept for call sites that have it to hand). */
export async function createUserWithRole(
  app: FastifyInstance,
  _db: Database | undefined,
  role: Role,
): Promise<SignedUp> {
  return signUp(app, { role, name: `Test ${role}` });
}

/** A personal API token for the cookie's account, created through the API. */
export async function tokenFor(
  app: FastifyInstance,
  cookie: string,
  scopes: Scope[] = ['read', 'write'],
): Promise<string> {
  const { config } = authContext(app);
  const res = await app.inject({
    method: 'POST',
    url: '/api/tokens',
    headers: { cookie, origin: new URL(config.publicUrl).origin },
    payload: { name: `test token ${randomBytes(3).toString('hex')}`, scopes },
    remoteAddress: `10.${randomBytes(3).join('.')}`,
  });
  if (res.statusCode !== 201) throw new Error(`tokenFor: ${res.statusCode} ${res.body}`);
  return res.json().token as string;
}
