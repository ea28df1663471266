import { generateSync } from 'otplib/functional';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/build-test-app.ts';
import { testBackends } from '../../test/test-database.ts';
import { buildAuthApp, cookieFrom, PASSWORD, post, signUpForReal } from './auth-test-kit.ts';

/** A code for the time step after `step` (tests cannot wait 30 s for the next one). */
const codeAt = (secret: string, epochSeconds: number) => generateSync({ secret, epoch: epochSeconds });
const now = () => Math.floor(Date.now() / 1000);

describe.each(testBackends())('two-factor authentication on $backend', ({ backend, skip }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (!skip) t = await buildAuthApp(backend);
  });
  afterAll(() => t?.close());

  async function enrolled() {
    const account = await signUpForReal(t);
    const setup = await post(t, '/api/auth/two-factor/setup', undefined, { cookie: account.cookie });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri } = setup.json();
    expect(otpauthUri).toContain('otpauth://totp/Backpath:');
    const enable = await post(
      t,
      '/api/auth/two-factor/enable',
      { code: codeAt(secret, now() - 30) },
      { cookie: account.cookie },
    );
    expect(enable.statusCode).toBe(200);
    return { ...account, secret: secret as string, recoveryCodes: enable.json().recoveryCodes as string[] };
  }

  it.skipIf(skip)('asks for a code after the password, and signs in only with a valid one', async () => {
    const { email, secret } = await enrolled();
    const first = await post(t, '/api/auth/sign-in', { email, password: PASSWORD });
    expect(first.statusCode).toBe(200);
    expect(first.json().twoFactorRequired).toBe(true);
    expect(first.headers['set-cookie']).toBeUndefined();
    const challenge = first.json().challenge;
    const wrong = await post(t, '/api/auth/two-factor/verify', { challenge, code: '000000' });
    expect(wrong.statusCode).toBe(401);
    const ok = await post(t, '/api/auth/two-factor/verify', { challenge, code: codeAt(secret, now()) });
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: cookieFrom(ok) } })).statusCode).toBe(200);
    // The challenge is single-use.
    const again = await post(t, '/api/auth/two-factor/verify', { challenge, code: codeAt(secret, now() + 30) });
    expect(again.statusCode).toBe(401);
  });

  it.skipIf(skip)('refuses a replayed TOTP code, and any code older than the last one accepted', async () => {
    const { email, secret } = await enrolled();
    const challenge = async () => (await post(t, '/api/auth/sign-in', { email, password: PASSWORD })).json().challenge;
    const code = codeAt(secret, now());
    expect((await post(t, '/api/auth/two-factor/verify', { challenge: await challenge(), code })).statusCode).toBe(200);
    const replay = await post(t, '/api/auth/two-factor/verify', { challenge: await challenge(), code });
    expect(replay.statusCode).toBe(401);
    const older = await post(t, '/api/auth/two-factor/verify', {
      challenge: await challenge(),
      code: codeAt(secret, now() - 30),
    });
    expect(older.statusCode).toBe(401);
  });

  it.skipIf(skip)('accepts each recovery code once, and stores them hashed', async () => {
    const { email, id, recoveryCodes } = await enrolled();
    expect(recoveryCodes).toHaveLength(10);
    const stored = await t.db.query<{ code_hash: string }>('SELECT code_hash FROM recovery_codes WHERE user_id = $1', [
      id,
    ]);
    expect(JSON.stringify(stored)).not.toContain(recoveryCodes[0]!.replace('-', ''));
    const challenge = async () => (await post(t, '/api/auth/sign-in', { email, password: PASSWORD })).json().challenge;
    const use = async () =>
      post(t, '/api/auth/two-factor/verify', { challenge: await challenge(), recoveryCode: recoveryCodes[0] });
    expect((await use()).statusCode).toBe(200);
    expect((await use()).statusCode).toBe(401);
  });

  it.skipIf(skip)('locks the second step after five wrong codes', async () => {
    const { email } = await enrolled();
    const { challenge } = (await post(t, '/api/auth/sign-in', { email, password: PASSWORD })).json();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await post(t, '/api/auth/two-factor/verify', { challenge, code: '123456' })).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it.skipIf(skip)('turns off with a valid code, after which sign-in needs only the password', async () => {
    const { email, cookie, secret } = await enrolled();
    const off = await post(t, '/api/auth/two-factor/disable', { code: codeAt(secret, now()) }, { cookie });
    expect(off.statusCode).toBe(204);
    const res = await post(t, '/api/auth/sign-in', { email, password: PASSWORD });
    expect(res.json().user.email).toBe(email);
  });
});
