import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithRole, signUp, tokenFor } from '../../test/auth-helpers.ts';
import type { TestApp } from '../../test/build-test-app.ts';
import { buildAuthApp, cookieFrom, mailedCode, PASSWORD, post, signUpForReal } from './auth-test-kit.ts';

const lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});
const records = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('security logging', () => {
  let t: TestApp;
  const secrets: string[] = [];
  beforeAll(async () => {
    t = await buildAuthApp('pglite', { logger: { level: 'info', stream: sink } });
  });
  afterAll(() => t.close());

  it('logs sign-in failures and 403s with user id, IP and UTC time, and never a password or token', async () => {
    const { email, id, cookie } = await signUpForReal(t);
    secrets.push(PASSWORD, cookie.split('=')[1]!);
    const wrong = 'Guessed-Password-4711';
    secrets.push(wrong);
    await post(t, '/api/auth/sign-in', { email, password: wrong });
    const token = await tokenFor(t.app, cookie);
    secrets.push(token);
    await t.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    await post(t, '/api/auth/password-reset/request', { email });
    const reset = await mailedCode(t, email, 'Reset code');
    secrets.push(reset);
    const next = 'Next-Secret-Passphrase-2';
    secrets.push(next);
    await post(t, '/api/auth/password-reset/confirm', { token: reset, password: next });
    const again = await post(t, '/api/auth/sign-in', { email, password: next });
    secrets.push(cookieFrom(again).split('=')[1]!);
    const learner = await signUp(t.app);
    secrets.push(learner.cookie.split('=')[1]!);
    await createUserWithRole(t.app, t.db, 'admin');
    await t.app.inject({ url: '/api/admin/audit-log', headers: { cookie: learner.cookie } });
    await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      payload: { name: 'x' },
      headers: { cookie: learner.cookie, origin: 'https://evil.example' },
    });

    // An OAuth callback carries its code and state in the query string, which request logs include.
    const oauthCode = 'gh-code-5c1f0e9a7b';
    const oauthState = 'gh-state-0a9b8c7d6e5f';
    secrets.push(oauthCode, oauthState);
    await t.app.inject({ url: `/api/auth/github/callback?code=${oauthCode}&state=${oauthState}` });

    const failure = records().find((r) => r.event === 'sign_in.failure');
    expect(failure).toMatchObject({ userId: id, ip: expect.stringMatching(/^10\./) });
    expect(String(failure!.at)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const forbidden = records().filter((r) => r.event === 'forbidden');
    expect(forbidden).toHaveLength(2);
    for (const f of forbidden) {
      expect(f).toMatchObject({ userId: learner.user.id, ip: expect.any(String), at: expect.stringMatching(/Z$/) });
    }
    const all = lines.join('\n');
    expect(all).toContain('/api/auth/github/callback?code=[redacted]&state=[redacted]');
    expect(lines.length).toBeGreaterThan(20);
    for (const s of secrets) expect(all).not.toContain(s);
  });
});
