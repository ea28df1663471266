import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/build-test-app.ts';
import { testBackends } from '../../test/test-database.ts';
import { readOutbox } from '../mail/mailer.ts';
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

describe.each(testBackends())('sign-up, sign-in, sign-out on $backend', ({ backend, skip }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (!skip) t = await buildAuthApp(backend);
  });
  afterAll(() => t?.close());

  it.skipIf(skip)('signs up, verifies the email, signs in, reads /api/me and signs out', async () => {
    const { email, cookie } = await signUpForReal(t);
    const me = await t.app.inject({ url: '/api/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email, name: 'Real Person', role: 'learner' });
    const out = await post(t, '/api/auth/sign-out', undefined, { cookie });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ url: '/api/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it.skipIf(skip)('refuses to sign in before the email is verified, and mails a new link', async () => {
    const email = freshEmail();
    await post(t, '/api/auth/sign-up', { email, password: PASSWORD, name: 'Slow Reader' });
    const res = await post(t, '/api/auth/sign-in', { email, password: PASSWORD });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.details).toEqual({ reason: 'email_unverified', mailServer: false });
    expect(await mailedCode(t, email)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it.skipIf(skip)(
    'answers sign-up for a taken email exactly as for a new one, and stores no second account',
    async () => {
      const { email } = await signUpForReal(t);
      const again = await post(t, '/api/auth/sign-up', {
        email: email.toUpperCase(),
        password: PASSWORD,
        name: 'Copy',
      });
      const fresh = await post(t, '/api/auth/sign-up', { email: freshEmail(), password: PASSWORD, name: 'New' });
      expect(again.statusCode).toBe(fresh.statusCode);
      expect(again.body).toBe(fresh.body);
      const rows = await t.db.query('SELECT id FROM users WHERE lower(email) = lower($1)', [email]);
      expect(rows).toHaveLength(1);
    },
  );

  it.skipIf(skip)(
    'enforces the password policy: 10 characters minimum, common passwords refused, long ones fine',
    async () => {
      const short = await post(t, '/api/auth/sign-up', { email: freshEmail(), password: 'Short-9', name: 'A' });
      expect(short.statusCode).toBe(400);
      expect(short.json().error.message).toContain('at least 10');
      const common = await post(t, '/api/auth/sign-up', { email: freshEmail(), password: 'basketball', name: 'A' });
      expect(common.statusCode).toBe(400);
      expect(common.json().error.message).toContain('commonly used');
      const long = 'a long passphrase with spaces and ünïcödé '.repeat(4);
      const { cookie } = await signUpForReal(t, freshEmail(), long);
      expect(cookie).toContain('backpath_session=');
      const tooLong = await post(t, '/api/auth/sign-up', { email: freshEmail(), password: 'x'.repeat(257), name: 'A' });
      expect(tooLong.statusCode).toBe(400);
    },
  );

  it.skipIf(skip)('stores the password as a salted scrypt hash, never the password', async () => {
    const { email } = await signUpForReal(t);
    const [row] = await t.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE email = $1', [
      email,
    ]);
    expect(row!.password_hash).toMatch(/^scrypt\$\d+\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(row!.password_hash).not.toContain(PASSWORD);
  });

  it.skipIf(skip)('sets a HttpOnly, SameSite=Lax session cookie carrying 256 random bits', async () => {
    const email = freshEmail();
    await signUpForReal(t, email);
    const res = await post(t, '/api/auth/sign-in', { email, password: PASSWORD });
    const header = [res.headers['set-cookie']].flat().join('\n');
    expect(header).toMatch(/^backpath_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax$/m);
    expect(cookieFrom(res)).toMatch(/^backpath_session=[\w-]{43}$/);
  });

  it.skipIf(skip)('upgrades a password hash made with weaker parameters at the next sign-in', async () => {
    const { email, id } = await signUpForReal(t);
    const cost = t.config.auth.passwordHashCost;
    t.config.auth.passwordHashCost = cost + 1;
    try {
      expect((await post(t, '/api/auth/sign-in', { email, password: PASSWORD })).statusCode).toBe(200);
    } finally {
      t.config.auth.passwordHashCost = cost;
    }
    const [row] = await t.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [id]);
    expect(row!.password_hash.startsWith(`scrypt$${cost + 1}$`)).toBe(true);
    expect((await post(t, '/api/auth/sign-in', { email, password: PASSWORD })).statusCode).toBe(200);
  });

  it.skipIf(skip)('caps the "someone tried to sign up with your email" notices at three an hour', async () => {
    const { email } = await signUpForReal(t);
    for (let i = 0; i < 5; i++) {
      expect((await post(t, '/api/auth/sign-up', { email, password: PASSWORD, name: 'Again' })).statusCode).toBe(202);
    }
    const notices = (await readOutbox(t.db, { to: email })).filter((m) => m.subject.startsWith('Someone tried'));
    expect(notices).toHaveLength(3);
  });

  it.skipIf(skip)('rejects a wrong password with 401 and the same message as an unknown email', async () => {
    const { email } = await signUpForReal(t);
    const wrong = await post(t, '/api/auth/sign-in', { email, password: 'Wrong-Password-123' });
    const unknown = await post(t, '/api/auth/sign-in', { email: freshEmail(), password: 'Wrong-Password-123' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
  });

  it.skipIf(skip)('refuses a cross-site sign-in (login CSRF)', async () => {
    const { email } = await signUpForReal(t);
    const res = await post(t, '/api/auth/sign-in', { email, password: PASSWORD }, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(ORIGIN).toBe(t.config.publicUrl);
  });
});
