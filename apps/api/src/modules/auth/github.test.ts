import { randomInt } from 'node:crypto';
import { generateSync } from 'otplib/functional';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/build-test-app.ts';
import { buildAuthApp, cookieFrom, freshEmail, post, signUpForReal } from './auth-test-kit.ts';
import { FakeGithub, type FakeGithubUser } from './fake-github.ts';

const ghUser = (email = freshEmail('gh')): FakeGithubUser => ({
  id: randomInt(1, 2 ** 31),
  login: 'octo',
  name: 'Octo Cat',
  emails: [
    { email: 'unverified@example.test', primary: false, verified: false },
    { email, primary: true, verified: true },
  ],
});

describe('sign-in with GitHub (against a local fake provider)', () => {
  let t: TestApp;
  const gh = new FakeGithub();
  beforeAll(async () => {
    await gh.start();
    t = await buildAuthApp('pglite', {
      env: {
        GITHUB_CLIENT_ID: gh.clientId,
        GITHUB_CLIENT_SECRET: gh.clientSecret,
        GITHUB_OAUTH_URL: gh.url,
        GITHUB_API_URL: gh.url,
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await gh.close();
  });

  async function start() {
    const res = await t.app.inject('/api/auth/github/start');
    expect(res.statusCode).toBe(302);
    const location = new URL(String(res.headers.location));
    const stateCookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('backpath_oauth_state='))!;
    return { location, stateCookie: stateCookie.split(';')[0]!, stateCookieHeader: stateCookie };
  }
  const callback = (code: string, state: string, cookie?: string) =>
    t.app.inject({
      url: `/api/auth/github/callback?code=${code}&state=${state}`,
      headers: cookie ? { cookie } : {},
    });

  it('redirects to GitHub with state and an S256 PKCE challenge, binding the state to the browser', async () => {
    const { location, stateCookieHeader } = await start();
    expect(location.origin + location.pathname).toBe(`${gh.url}/login/oauth/authorize`);
    expect(location.searchParams.get('client_id')).toBe(gh.clientId);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(location.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    expect(location.searchParams.get('redirect_uri')).toBe('http://127.0.0.1:3000/api/auth/github/callback');
    expect(stateCookieHeader).toMatch(/HttpOnly/);
    expect(stateCookieHeader).toMatch(/SameSite=Lax/);
  });

  it('creates a verified learner on first sign-in and signs the same account in next time', async () => {
    const user = ghUser();
    const first = await start();
    const code = gh.authorize(first.location.searchParams.get('code_challenge')!, user);
    const res = await callback(code, first.location.searchParams.get('state')!, first.stateCookie);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/');
    const me = (await t.app.inject({ url: '/api/me', headers: { cookie: cookieFrom(res) } })).json();
    expect(me).toMatchObject({ email: user.emails[1]!.email, name: 'Octo Cat', role: 'learner' });
    const [row] = await t.db.query<{ verified: boolean; password_hash: string | null }>(
      'SELECT email_verified_at IS NOT NULL AS verified, password_hash FROM users WHERE id = $1',
      [me.id],
    );
    expect(row).toEqual({ verified: true, password_hash: null });

    const second = await start();
    const code2 = gh.authorize(second.location.searchParams.get('code_challenge')!, user);
    const again = await callback(code2, second.location.searchParams.get('state')!, second.stateCookie);
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: cookieFrom(again) } })).json().id).toBe(me.id);
  });

  it('refuses a callback whose state is not bound to this browser, or is reused', async () => {
    const a = await start();
    const b = await start();
    const state = a.location.searchParams.get('state')!;
    const code = gh.authorize(a.location.searchParams.get('code_challenge')!, ghUser());
    expect((await callback(code, state)).statusCode).toBe(400);
    expect((await callback(code, state, b.stateCookie)).statusCode).toBe(400);
    expect((await callback(code, state, a.stateCookie)).statusCode).toBe(302);
    const code2 = gh.authorize(a.location.searchParams.get('code_challenge')!, ghUser());
    expect((await callback(code2, state, a.stateCookie)).statusCode).toBe(400);
  });

  it('fails when the PKCE verifier does not match the challenge GitHub saw', async () => {
    const a = await start();
    const code = gh.authorize('a-different-challenge-than-the-one-we-sent-xx', ghUser());
    const res = await callback(code, a.location.searchParams.get('state')!, a.stateCookie);
    expect(res.statusCode).toBe(400);
    expect(res.headers['set-cookie']?.toString() ?? '').not.toContain('backpath_session=');
  });

  it('asks an account with two-factor on for its code, as a password sign-in does', async () => {
    const user = ghUser();
    const first = await start();
    const code = gh.authorize(first.location.searchParams.get('code_challenge')!, user);
    const cookie = cookieFrom(await callback(code, first.location.searchParams.get('state')!, first.stateCookie));
    const setup = await post(t, '/api/auth/two-factor/setup', undefined, { cookie });
    const { secret } = setup.json();
    const now = Math.floor(Date.now() / 1000);
    const enabled = await post(
      t,
      '/api/auth/two-factor/enable',
      { code: generateSync({ secret, epoch: now - 30 }) },
      { cookie },
    );
    expect(enabled.statusCode).toBe(200);

    const next = await start();
    const code2 = gh.authorize(next.location.searchParams.get('code_challenge')!, user);
    const res = await callback(code2, next.location.searchParams.get('state')!, next.stateCookie);
    expect(res.statusCode).toBe(302);
    expect(String(res.headers['set-cookie'] ?? '')).not.toContain('backpath_session=');
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/sign-in#two-factor=[\w-]+$/);
    const challenge = location.split('=')[1]!;
    const wrong = await post(t, '/api/auth/two-factor/verify', { challenge, code: '000000' });
    expect(wrong.statusCode).toBe(401);
    const ok = await post(t, '/api/auth/two-factor/verify', { challenge, code: generateSync({ secret, epoch: now }) });
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: cookieFrom(ok) } })).json().email).toBe(
      user.emails[1]!.email,
    );
  });

  it('never takes over an existing password account with the same email', async () => {
    const local = await signUpForReal(t);
    const a = await start();
    const code = gh.authorize(a.location.searchParams.get('code_challenge')!, ghUser(local.email.toUpperCase()));
    const res = await callback(code, a.location.searchParams.get('state')!, a.stateCookie);
    expect(res.statusCode).toBe(409);
    expect(await t.db.query('SELECT 1 FROM oauth_accounts WHERE user_id = $1', [local.id])).toEqual([]);
  });
});

describe('GitHub sign-in when not configured', () => {
  it('answers 404', async () => {
    const t = await buildAuthApp('pglite');
    expect((await t.app.inject('/api/auth/github/start')).statusCode).toBe(404);
    await t.close();
  });
});
