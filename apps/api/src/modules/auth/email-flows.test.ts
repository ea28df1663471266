import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/build-test-app.ts';
import { testBackends } from '../../test/test-database.ts';
import { readOutbox } from '../mail/mailer.ts';
import { buildAuthApp, freshEmail, mailedCode, mailSettled, PASSWORD, post, signUpForReal } from './auth-test-kit.ts';
import { sha256 } from './secrets.ts';

const NEW_PASSWORD = 'Another-Solid-Phrase-88';

describe.each(testBackends())('email verification and password reset on $backend', ({ backend, skip }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (!skip) t = await buildAuthApp(backend);
  });
  afterAll(() => t?.close());
  const me = (cookie: string) => t.app.inject({ url: '/api/me', headers: { cookie } });

  it.skipIf(skip)('keeps every mail in the outbox when no SMTP server is configured', async () => {
    const email = freshEmail();
    await post(t, '/api/auth/sign-up', { email, password: PASSWORD, name: 'Mail' });
    const [mail] = await readOutbox(t.db, { to: email });
    expect(mail).toMatchObject({ to: email, transport: 'outbox', subject: 'Confirm your email for Backpath' });
    expect(mail!.body).toContain('http://127.0.0.1:3000/verify-email#token=');
  });

  it.skipIf(skip)('accepts a verification token once, and stores it only hashed', async () => {
    const email = freshEmail();
    await post(t, '/api/auth/sign-up', { email, password: PASSWORD, name: 'Once' });
    const token = await mailedCode(t, email);
    const stored = await t.db.query('SELECT token_hash FROM auth_tokens WHERE token_hash = $1', [sha256(token)]);
    expect(stored).toHaveLength(1);
    expect((await post(t, '/api/auth/verify-email', { token })).statusCode).toBe(200);
    const again = await post(t, '/api/auth/verify-email', { token });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.message).toContain('already used');
  });

  it.skipIf(skip)('resets a password with the mailed token and ends every session of the account', async () => {
    const { email, cookie } = await signUpForReal(t);
    const ask = await post(t, '/api/auth/password-reset/request', { email });
    expect(ask.statusCode).toBe(202);
    const token = await mailedCode(t, email, 'Reset code');
    const done = await post(t, '/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
    expect(done.statusCode).toBe(200);
    expect((await me(cookie)).statusCode).toBe(401);
    expect((await post(t, '/api/auth/sign-in', { email, password: PASSWORD })).statusCode).toBe(401);
    expect((await post(t, '/api/auth/sign-in', { email, password: NEW_PASSWORD })).statusCode).toBe(200);
  });

  it.skipIf(skip)('refuses a reused reset token, an expired one, and an older one once another was used', async () => {
    const { email } = await signUpForReal(t);
    await post(t, '/api/auth/password-reset/request', { email });
    const older = await mailedCode(t, email, 'Reset code');
    await post(t, '/api/auth/password-reset/request', { email });
    const newer = await mailedCode(t, email, 'Reset code');
    expect(newer).not.toBe(older);
    expect(
      (await post(t, '/api/auth/password-reset/confirm', { token: newer, password: NEW_PASSWORD })).statusCode,
    ).toBe(200);
    const reused = await post(t, '/api/auth/password-reset/confirm', { token: newer, password: 'Third-Password-999' });
    expect(reused.statusCode).toBe(400);
    const stale = await post(t, '/api/auth/password-reset/confirm', { token: older, password: 'Third-Password-999' });
    expect(stale.statusCode).toBe(400);

    await post(t, '/api/auth/password-reset/request', { email });
    const expiring = await mailedCode(t, email, 'Reset code');
    await t.db.query(`UPDATE auth_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [
      sha256(expiring),
    ]);
    const expired = await post(t, '/api/auth/password-reset/confirm', {
      token: expiring,
      password: 'Third-Password-999',
    });
    expect(expired.statusCode).toBe(400);
    expect((await post(t, '/api/auth/sign-in', { email, password: NEW_PASSWORD })).statusCode).toBe(200);
  });

  it.skipIf(skip)(
    'answers a reset request for an unknown email exactly like a known one, and mails nobody',
    async () => {
      const { email } = await signUpForReal(t);
      const unknown = freshEmail();
      const known = await post(t, '/api/auth/password-reset/request', { email });
      const other = await post(t, '/api/auth/password-reset/request', { email: unknown });
      expect(other.statusCode).toBe(known.statusCode);
      expect(other.body).toBe(known.body);
      expect(other.headers['content-length']).toBe(known.headers['content-length']);
      await mailSettled(t);
      expect(await readOutbox(t.db, { to: unknown })).toHaveLength(0);
      expect((await readOutbox(t.db, { to: email })).map((m) => m.subject)).toContain('Reset your Backpath password');
    },
  );

  it.skipIf(skip)('a verification token cannot be used as a reset token', async () => {
    const email = freshEmail();
    await post(t, '/api/auth/sign-up', { email, password: PASSWORD, name: 'Mixer' });
    const token = await mailedCode(t, email);
    const res = await post(t, '/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
    expect(res.statusCode).toBe(400);
  });
});
