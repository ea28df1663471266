/**
 * Shared pieces of the account tests: an app with fast password hashing, and the real sign-up →
 * mailed link → verify → sign-in journey driven through HTTP.
 */
import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestApp, type TestAppOptions } from '../../test/build-test-app.ts';
import type { Backend } from '../../test/test-database.ts';
import { Mailer, readOutbox } from '../mail/mailer.ts';
import { createSession, sessionCookieName } from './sessions.ts';
import { insertUser } from './users.repository.ts';

export const ORIGIN = 'http://127.0.0.1:3000';
export const PASSWORD = 'Sturdy-Lantern-Orbit-77';

/**
 * An app with cheap password hashing. Unless `firstRun` is set, one account (no password) already
 * exists, so a sign-up follows the ordinary path even without a mail server, instead of making
 * the first account the admin (ADR 011); `first-run.test.ts` covers that path.
 */
export async function buildAuthApp(
  backend: Backend = 'pglite',
  opts: TestAppOptions & { firstRun?: boolean } = {},
): Promise<TestApp> {
  const { firstRun, ...rest } = opts;
  const t = await buildTestApp({ ...rest, backend, env: { PASSWORD_HASH_COST: '10', ...rest.env } });
  if (!firstRun) {
    await insertUser(t.db, { email: freshEmail('existing'), name: 'Existing Account', passwordHash: null });
  }
  return t;
}

/** A fresh address per call, so no two tests share an account or a rate-limit counter. */
export const freshEmail = (p = 'u') => `${p}-${randomBytes(5).toString('hex')}@example.test`;
/** A fresh client address per call (rate limits are per IP). */
export const freshIp = () => `10.${randomBytes(3).join('.')}`;

/** The last single-use code mailed to `to` whose line starts with `label`. */
export async function mailedCode(t: TestApp, to: string, label = 'Verification code'): Promise<string> {
  await mailSettled(t);
  const [mail] = (await readOutbox(t.db, { to, limit: 10 })).filter((m) => m.body.includes(`${label}: `));
  const code = mail?.body.match(new RegExp(`${label}: ([A-Za-z0-9_-]+)`))?.[1];
  if (!code) throw new Error(`no "${label}" mailed to ${to}`);
  return code;
}

/** Waits until mail composed after a response (a password reset's) has reached the outbox. */
export async function mailSettled(t: TestApp): Promise<void> {
  await Mailer.of(t.db)?.idle();
}

export function cookieFrom(res: LightMyRequestResponse): string {
  const set = [res.headers['set-cookie'] ?? []].flat().find((c) => c.includes('backpath_session='));
  if (!set) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  return set.split(';')[0]!;
}

export async function post(t: TestApp, url: string, payload: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url,
    payload: payload as object,
    headers: { origin: ORIGIN, ...headers },
    remoteAddress: freshIp(),
  });
}

/** Signs up through the API, follows the mailed link and signs in; returns the session cookie. */
export async function signUpForReal(
  t: TestApp,
  email = freshEmail(),
  password = PASSWORD,
  name = 'Real Person',
): Promise<{ email: string; cookie: string; id: string }> {
  const up = await post(t, '/api/auth/sign-up', { email, password, name });
  if (up.statusCode !== 202) throw new Error(`sign-up: ${up.statusCode} ${up.body}`);
  const verified = await post(t, '/api/auth/verify-email', { token: await mailedCode(t, email) });
  if (verified.statusCode !== 200) throw new Error(`verify: ${verified.statusCode} ${verified.body}`);
  const res = await post(t, '/api/auth/sign-in', { email, password });
  if (res.statusCode !== 200) throw new Error(`sign-in: ${res.statusCode} ${res.body}`);
  return { email, cookie: cookieFrom(res), id: res.json().user.id };
}

/** A new session for an existing account, straight in the database (for tests that burn sessions). */
export async function freshSessionCookie(t: TestApp, userId: string): Promise<string> {
  const s = await createSession(t.db, t.config, userId);
  return `${sessionCookieName(t.config)}=${s.token}`;
}
