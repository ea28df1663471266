import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../test/auth-helpers.ts';
import type { TestApp } from '../../test/build-test-app.ts';
import { testBackends } from '../../test/test-database.ts';
import { buildAuthApp, freshEmail, freshIp, ORIGIN, PASSWORD, post } from './auth-test-kit.ts';

const SQL = ["' OR '1'='1", "'; DROP TABLE users; --", '" OR ""="', '\\x00\\', "admin'--", '%_%', '$1 $2'];

describe.each(testBackends())('hostile input on account endpoints on $backend', ({ backend, skip }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (!skip) t = await buildAuthApp(backend);
  });
  afterAll(() => t?.close());
  const users = async () => Number((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users'))[0]!.n);

  it.skipIf(skip)(
    'answers malformed JSON, wrong types, a missing body and an oversized body with a clear 4xx',
    async () => {
      const raw = (payload: string, type = 'application/json') =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          payload,
          headers: { 'content-type': type, origin: ORIGIN },
          remoteAddress: freshIp(),
        });
      expect((await raw('{"email": ')).statusCode).toBe(400);
      expect((await raw('[]')).statusCode).toBe(400);
      expect((await raw('{"email": 1, "password": true}')).statusCode).toBe(400);
      expect((await raw('')).statusCode).toBe(400);
      expect((await raw('email=a&password=b', 'application/x-www-form-urlencoded')).statusCode).toBe(415);
      expect((await raw(JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(300_000) }))).statusCode).toBe(413);
      const res = await raw(JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(5_000) }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    },
  );

  it.skipIf(skip)('stores SQL metacharacters in names literally and never lets them match other rows', async () => {
    const before = await users();
    for (const name of SQL) {
      const { cookie, user } = await signUp(t.app);
      const res = await t.app.inject({
        method: 'PATCH',
        url: '/api/me',
        payload: { name },
        headers: { cookie, origin: ORIGIN },
      });
      expect(res.statusCode).toBe(200);
      const [row] = await t.db.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [user.id]);
      expect(row!.name).toBe(name.trim());
    }
    expect(await users()).toBe(before + SQL.length);
  });

  it.skipIf(skip)('treats SQL metacharacters in emails, passwords and tokens as plain data', async () => {
    const before = await users();
    for (const bad of SQL) {
      const signIn = await post(t, '/api/auth/sign-in', { email: `${bad}@example.com`, password: `${bad}xxxxxxxxxx` });
      expect([400, 401]).toContain(signIn.statusCode);
      const reset = await post(t, '/api/auth/password-reset/confirm', { token: bad, password: PASSWORD });
      expect(reset.statusCode).toBe(400);
      const verify = await post(t, '/api/auth/verify-email', { token: `${bad}aaaaaaaaaa` });
      expect(verify.statusCode).toBe(400);
      const bearer = await t.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${bad}` } });
      expect(bearer.statusCode).toBe(401);
    }
    // An apostrophe is legal in an address: it must work, not break the query.
    const email = `o'brien-${Date.now()}@example.com`;
    expect(
      (await post(t, '/api/auth/sign-up', { email, password: "it's-a-'quoted'-pass", name: "O'Brien" })).statusCode,
    ).toBe(202);
    const [row] = await t.db.query<{ email: string; name: string }>('SELECT email, name FROM users WHERE email = $1', [
      email,
    ]);
    expect(row).toEqual({ email, name: "O'Brien" });
    expect(await users()).toBe(before + 1);
  });

  it.skipIf(skip)('accepts real-world Unicode names and refuses control and bidi-override characters', async () => {
    const { cookie, user } = await signUp(t.app);
    const patch = (name: string) =>
      t.app.inject({ method: 'PATCH', url: '/api/me', payload: { name }, headers: { cookie, origin: ORIGIN } });
    for (const good of ['Zoë Ñúñez', '李小龍', 'محمد', '👩🏽‍💻 Dev', 'e\u0301le\u0300ve']) {
      const res = await patch(good);
      expect(res.statusCode).toBe(200);
      expect(res.json().name).toBe(good.normalize('NFC'));
    }
    for (const bad of [
      'evil\u202Egnp.exe',
      'null\u0000byte',
      'line\nbreak',
      '   ',
      '',
      'x'.repeat(101),
      'bell\u0007',
    ]) {
      expect((await patch(bad)).statusCode).toBe(400);
    }
    const [row] = await t.db.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [user.id]);
    expect(row!.name).toBe('e\u0301le\u0300ve'.normalize('NFC'));
  });

  it.skipIf(skip)('refuses non-ASCII and malformed emails with 400, and treats case as the same address', async () => {
    const before = await users();
    for (const email of [
      'ünïcode@example.com',
      'user@exämple.com',
      'no-at-sign',
      'a@b',
      ' spaced@example.com',
      'a@@b.co',
      `${'x'.repeat(250)}@e.co`,
    ]) {
      const res = await post(t, '/api/auth/sign-up', { email, password: PASSWORD, name: 'Edge' });
      expect(res.statusCode, email).toBe(400);
    }
    expect(await users()).toBe(before);
    const email = freshEmail();
    await post(t, '/api/auth/sign-up', { email, password: PASSWORD, name: 'Lower' });
    await post(t, '/api/auth/sign-up', { email: email.toUpperCase(), password: PASSWORD, name: 'Upper' });
    expect(await t.db.query('SELECT 1 FROM users WHERE lower(email) = lower($1)', [email])).toHaveLength(1);
  });
});
