import { generateSync } from 'otplib/functional';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, tokenFor } from '../../test/auth-helpers.ts';
import type { TestApp } from '../../test/build-test-app.ts';
import { testBackends } from '../../test/test-database.ts';
import { buildAuthApp, freshEmail, mailedCode, ORIGIN, PASSWORD, post, signUpForReal } from '../auth/auth-test-kit.ts';

describe.each(testBackends())('account self-service on $backend', ({ backend, skip }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (!skip) t = await buildAuthApp(backend);
  });
  afterAll(() => t?.close());
  const row = async (id: string) =>
    (
      await t.db.query<Record<string, unknown>>(
        'SELECT id, email, name, role, email_verified_at FROM users WHERE id = $1',
        [id],
      )
    )[0];
  const patchMe = (cookie: string, payload: unknown) =>
    t.app.inject({ method: 'PATCH', url: '/api/me', payload: payload as object, headers: { cookie, origin: ORIGIN } });

  it.skipIf(skip)('renames me, and a body that adds role, id or emailVerified changes nothing stored', async () => {
    const { cookie, user } = await signUp(t.app);
    const before = await row(user.id);
    for (const extra of [
      { role: 'admin' },
      { id: 'someone-else' },
      { emailVerified: false },
      { email: 'x@evil.example' },
    ]) {
      const res = await patchMe(cookie, { name: 'Renamed', ...extra });
      expect(res.statusCode).toBe(400);
    }
    expect(await row(user.id)).toEqual(before);
    const ok = await patchMe(cookie, { name: '  Ada Lovelace ' });
    expect(ok.json()).toEqual({ ...user, name: 'Ada Lovelace' });
  });

  it.skipIf(skip)(
    'says whether two-factor sign-in is on: off, still off after an unconfirmed set-up, then on',
    async () => {
      const { cookie } = await signUpForReal(t);
      const me = async () => (await t.app.inject({ url: '/api/me', headers: { cookie } })).json();
      expect((await me()).twoFactorEnabled).toBe(false);
      const setup = await post(t, '/api/auth/two-factor/setup', undefined, { cookie });
      expect((await me()).twoFactorEnabled).toBe(false);
      const code = generateSync({ secret: setup.json().secret, epoch: Math.floor(Date.now() / 1000) - 30 });
      expect((await post(t, '/api/auth/two-factor/enable', { code }, { cookie })).statusCode).toBe(200);
      expect(await me()).toMatchObject({ twoFactorEnabled: true, role: 'learner' });
      // A profile update cannot switch it: the field is not part of what PATCH accepts.
      expect((await patchMe(cookie, { name: 'X', twoFactorEnabled: false })).statusCode).toBe(400);
      expect((await me()).twoFactorEnabled).toBe(true);
      // Documented in the OpenAPI answer of GET /api/me.
      const doc = (await t.app.inject('/openapi.json')).json();
      const schema = doc.paths['/api/me'].get.responses['200'].content['application/json'].schema;
      expect(schema.properties.twoFactorEnabled).toEqual({ type: 'boolean' });
    },
  );

  it.skipIf(skip)('a sign-up that sets role or emailVerified stores no account at all', async () => {
    const email = freshEmail();
    for (const extra of [
      { role: 'admin' },
      { emailVerified: true },
      { id: 'chosen' },
      { emailVerifiedAt: '2020-01-01' },
    ]) {
      const res = await post(t, '/api/auth/sign-up', { email, password: PASSWORD, name: 'Sneaky', ...extra });
      expect(res.statusCode).toBe(400);
    }
    expect(await t.db.query('SELECT id FROM users WHERE lower(email) = lower($1)', [email])).toEqual([]);
    await post(t, '/api/auth/sign-up', { email, password: PASSWORD, name: 'Plain' });
    const [stored] = await t.db.query<{ role: string; email_verified_at: unknown }>(
      'SELECT role, email_verified_at FROM users WHERE email = $1',
      [email],
    );
    expect(stored).toEqual({ role: 'learner', email_verified_at: null });
  });

  it.skipIf(skip)('changes my email only after the new address confirms it, with the current password', async () => {
    const { cookie, id, email } = await signUpForReal(t);
    const next = freshEmail('moved');
    const wrong = await post(t, '/api/me/email', { email: next, password: 'Not-My-Password-1' }, { cookie });
    expect(wrong.statusCode).toBe(403);
    const res = await post(t, '/api/me/email', { email: next, password: PASSWORD }, { cookie });
    expect(res.statusCode).toBe(202);
    expect((await row(id))!.email).toBe(email);
    const confirm = await post(t, '/api/auth/verify-email', { token: await mailedCode(t, next) });
    expect(confirm.statusCode).toBe(200);
    expect((await row(id))!.email).toBe(next);
    expect((await post(t, '/api/auth/sign-in', { email: next, password: PASSWORD })).statusCode).toBe(200);
  });

  it.skipIf(skip)('changes my password only with the current one, and ends my other sessions', async () => {
    const { cookie, email } = await signUpForReal(t);
    const other = (await post(t, '/api/auth/sign-in', { email, password: PASSWORD })).headers['set-cookie'];
    const otherCookie = String([other].flat()[0]).split(';')[0]!;
    const change = (currentPassword: string) =>
      post(t, '/api/me/password', { currentPassword, newPassword: 'Brand-New-Passphrase-5' }, { cookie });
    expect((await change('Wrong-Current-Pass-1')).statusCode).toBe(403);
    expect((await change(PASSWORD)).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: otherCookie } })).statusCode).toBe(401);
    expect((await post(t, '/api/auth/sign-in', { email, password: 'Brand-New-Passphrase-5' })).statusCode).toBe(200);
  });

  it.skipIf(skip)(
    'deletes my account with my password, with everything attached, keeping an anonymous audit trail',
    async () => {
      const { cookie, id, email } = await signUpForReal(t);
      await tokenFor(t.app, cookie);
      const del = (payload: unknown) =>
        t.app.inject({
          method: 'DELETE',
          url: '/api/me',
          payload: payload as object,
          headers: { cookie, origin: ORIGIN },
        });
      expect((await del({ password: 'Wrong-Password-00' })).statusCode).toBe(403);
      expect((await del({ password: PASSWORD })).statusCode).toBe(204);
      for (const table of ['users', 'sessions', 'api_tokens', 'auth_tokens']) {
        const col = table === 'users' ? 'id' : 'user_id';
        expect(await t.db.query(`SELECT 1 FROM ${table} WHERE ${col} = $1`, [id])).toEqual([]);
      }
      const trail = await t.db.query<{ ip: string | null }>(
        `SELECT ip FROM audit_log WHERE details::text LIKE $1 OR user_id = $2`,
        [`%${id}%`, id],
      );
      expect(trail).toEqual([]);
      expect(await t.db.query('SELECT 1 FROM mail_outbox WHERE lower(to_address) = lower($1)', [email])).toEqual([]);
      expect((await t.db.query(`SELECT 1 FROM audit_log WHERE event = 'account.deleted'`)).length).toBeGreaterThan(0);
      expect((await post(t, '/api/auth/sign-in', { email, password: PASSWORD })).statusCode).toBe(401);
    },
  );

  it.skipIf(skip)('exports my data as JSON, without secrets and without anyone else’s data', async () => {
    const victim = await signUpForReal(t);
    const me = await signUpForReal(t);
    await tokenFor(t.app, me.cookie);
    const write = (method: 'PUT', url: string, payload: Record<string, string>) =>
      t.app.inject({ method, url, payload, headers: { cookie: me.cookie, origin: ORIGIN } });
    expect((await write('PUT', '/api/progress/topics/alpha-one', { status: 'learning' })).statusCode).toBe(200);
    expect((await write('PUT', '/api/activity/time-zone', { timeZone: 'Europe/Lisbon' })).statusCode).toBe(200);
    for (const url of ['/api/me/export', `/api/me/export?userId=${victim.id}`, `/api/me/export?id=${victim.id}`]) {
      const res = await t.app.inject({ url, headers: { cookie: me.cookie } });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.account).toMatchObject({ id: me.id, email: me.email });
      expect(body.tokens).toHaveLength(1);
      expect(body.sessions.length).toBeGreaterThan(0);
      expect(body.securityEvents.map((e: { event: string }) => e.event)).toContain('sign_in.success');
      // The learning data too: the importable document and the rest of what is kept about me.
      expect(body.learning).toMatchObject({ format: 'backpath-learning-export', version: 2 });
      expect(body.learning.progress).toEqual([
        { topicId: 'alpha-one', status: 'learning', updatedAt: expect.any(String) },
      ]);
      expect(body.learning.records).toMatchObject({ timeZone: 'Europe/Lisbon', portfolio: null, cohorts: [] });
      expect(body.learning.records.activityDays).toHaveLength(1);
      expect(res.body).not.toContain(victim.id);
      expect(res.body).not.toMatch(/scrypt\$|token_hash|password/i);
    }
  });
});
