import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/build-test-app.ts';
import { testBackends } from '../../test/test-database.ts';
import {
  buildAuthApp,
  cookieFrom,
  freshEmail,
  mailedCode,
  ORIGIN,
  PASSWORD,
  post,
  signUpForReal,
} from './auth-test-kit.ts';
import { sha256 } from './secrets.ts';

describe.each(testBackends())('sessions on $backend', ({ backend, skip }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (!skip) t = await buildAuthApp(backend);
  });
  afterAll(() => t?.close());
  const me = (cookie: string) => t.app.inject({ url: '/api/me', headers: { cookie } });

  it.skipIf(skip)('issues a new session id at sign-in and ignores one planted beforehand (no fixation)', async () => {
    const { email, cookie: first } = await signUpForReal(t);
    const planted = 'backpath_session=AttackerChosenValue_0123456789abcdefghijklmnopq';
    const res = await post(t, '/api/auth/sign-in', { email, password: PASSWORD }, { cookie: planted });
    const issued = cookieFrom(res);
    expect(issued).not.toBe(planted);
    expect(issued).not.toBe(first);
    expect((await me(planted)).statusCode).toBe(401);
    expect((await me(issued)).statusCode).toBe(200);
    const rows = await t.db.query('SELECT id FROM sessions WHERE token_hash = $1', [sha256(planted.split('=')[1]!)]);
    expect(rows).toHaveLength(0);
  });

  it.skipIf(skip)('replaces the session the browser already had when signing in again', async () => {
    const { email, cookie: old } = await signUpForReal(t);
    const res = await post(t, '/api/auth/sign-in', { email, password: PASSWORD }, { cookie: old });
    expect((await me(cookieFrom(res))).statusCode).toBe(200);
    expect((await me(old)).statusCode).toBe(401);
  });

  it.skipIf(skip)('stores only a hash of the session secret', async () => {
    const { id, cookie } = await signUpForReal(t);
    const secret = cookie.split('=')[1]!;
    const rows = await t.db.query<{ token_hash: string; id: string }>(
      'SELECT id, token_hash FROM sessions WHERE user_id = $1',
      [id],
    );
    expect(rows.map((r) => r.token_hash)).toContain(sha256(secret));
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it.skipIf(skip)('ends a session after the idle lifetime and after the absolute lifetime', async () => {
    const a = await signUpForReal(t);
    await t.db.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1`, [a.id]);
    expect((await me(a.cookie)).statusCode).toBe(401);
    const b = await signUpForReal(t);
    const [row] = await t.db.query<{ hours: number }>(
      `SELECT round(extract(epoch FROM expires_at - created_at) / 3600)::int AS hours FROM sessions WHERE user_id = $1`,
      [b.id],
    );
    expect(row!.hours).toBe(12);
    expect((await me(b.cookie)).statusCode).toBe(200);
    await t.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [b.id]);
    expect((await me(b.cookie)).statusCode).toBe(401);
  });

  it.skipIf(skip)('lists my active sessions, marks the current one, and revokes one by id', async () => {
    const { email, cookie } = await signUpForReal(t);
    const second = cookieFrom(await post(t, '/api/auth/sign-in', { email, password: PASSWORD }));
    const list = (await t.app.inject({ url: '/api/auth/sessions', headers: { cookie } })).json().sessions;
    expect(list).toHaveLength(2);
    expect(list.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const other = list.find((s: { current: boolean }) => !s.current);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/sessions/${other.id}`,
      headers: { cookie, origin: ORIGIN },
    });
    expect(del.statusCode).toBe(204);
    expect((await me(second)).statusCode).toBe(401);
    expect((await me(cookie)).statusCode).toBe(200);
  });

  it.skipIf(skip)("cannot list or revoke another user's session by its id (IDOR)", async () => {
    const victim = await signUpForReal(t);
    const attacker = await signUpForReal(t);
    const [victimSession] = await t.db.query<{ id: string }>('SELECT id FROM sessions WHERE user_id = $1', [victim.id]);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/sessions/${victimSession!.id}`,
      headers: { cookie: attacker.cookie, origin: ORIGIN },
    });
    expect(del.statusCode).toBe(404);
    expect((await me(victim.cookie)).statusCode).toBe(200);
    const list = (await t.app.inject({ url: '/api/auth/sessions', headers: { cookie: attacker.cookie } })).json();
    expect(JSON.stringify(list)).not.toContain(victimSession!.id);
  });

  it.skipIf(skip)('signs out everywhere: every session of mine ends server-side', async () => {
    const { email, cookie } = await signUpForReal(t);
    const other = cookieFrom(await post(t, '/api/auth/sign-in', { email, password: PASSWORD }));
    const res = await post(t, '/api/auth/sign-out-everywhere', undefined, { cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json().revoked).toBe(2);
    expect((await me(cookie)).statusCode).toBe(401);
    expect((await me(other)).statusCode).toBe(401);
  });

  it.skipIf(skip)(
    'refuses a cookie-authenticated state change from another origin or with no origin (CSRF)',
    async () => {
      const { cookie, id } = await signUpForReal(t);
      const attempt = (headers: Record<string, string>) =>
        t.app.inject({ method: 'PATCH', url: '/api/me', payload: { name: 'Hacked' }, headers: { cookie, ...headers } });
      expect((await attempt({ origin: 'https://evil.example' })).statusCode).toBe(403);
      expect((await attempt({ origin: 'null' })).statusCode).toBe(403);
      expect((await attempt({ 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
      expect((await attempt({ 'sec-fetch-site': 'same-site' })).statusCode).toBe(403);
      expect((await attempt({})).statusCode).toBe(403);
      const [row] = await t.db.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [id]);
      expect(row!.name).toBe('Real Person');
      expect((await attempt({ 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
      expect((await attempt({ origin: ORIGIN })).statusCode).toBe(200);
      // Reads are not state changes: a GET needs no origin.
      expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    },
  );
});

describe('session cookie over HTTPS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildAuthApp('pglite', { env: { PUBLIC_URL: 'https://learn.example' } });
  });
  afterAll(() => t.close());

  it('is __Host- prefixed, Secure, HttpOnly, SameSite=Lax, Path=/ and has no Domain', async () => {
    const email = freshEmail();
    const https = { origin: 'https://learn.example' };
    await post(t, '/api/auth/sign-up', { email, password: PASSWORD, name: 'Secure' }, https);
    await post(t, '/api/auth/verify-email', { token: await mailedCode(t, email) }, https);
    const res = await post(t, '/api/auth/sign-in', { email, password: PASSWORD }, https);
    const header = [res.headers['set-cookie']].flat().join('\n');
    expect(header).toMatch(/^__Host-backpath_session=[\w-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax$/m);
    expect(header).not.toMatch(/Domain=/i);
    const cookie = header.split(';')[0]!;
    expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    // The non-prefixed name is not accepted over HTTPS.
    const downgraded = cookie.replace('__Host-', '');
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: downgraded } })).statusCode).toBe(401);
  });
});
