import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/build-test-app.ts';
import { testBackends } from '../../test/test-database.ts';
import { buildAuthApp, freshEmail, freshIp, ORIGIN, PASSWORD, signUpForReal } from './auth-test-kit.ts';

const signIn = (t: TestApp, email: string, password: string, ip: string, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email, password },
    headers: { origin: ORIGIN, ...headers },
    remoteAddress: ip,
  });

describe.each(testBackends())('rate limits and lock-out on $backend', ({ backend, skip }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (!skip) t = await buildAuthApp(backend);
  });
  afterAll(() => t?.close());

  it.skipIf(skip)('locks an email after five failures, answering known and unknown emails identically', async () => {
    const { email: known } = await signUpForReal(t);
    const unknown = freshEmail();
    const run = async (email: string) => {
      const answers: { status: number; body: string; retryAfter: unknown }[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await signIn(t, email, `Wrong-Password-${i}x`, freshIp());
        answers.push({ status: res.statusCode, body: res.body, retryAfter: res.headers['retry-after'] });
      }
      return answers;
    };
    const a = await run(known);
    const b = await run(unknown);
    expect(a.map((x) => x.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(b.map((x) => x.status)).toEqual(a.map((x) => x.status));
    expect(b.map((x) => x.body.replace(/\d+ seconds/, 'N seconds'))).toEqual(
      a.map((x) => x.body.replace(/\d+ seconds/, 'N seconds')),
    );
    expect(Number(a[5]!.retryAfter)).toBeGreaterThan(0);
    expect(Number(a[5]!.retryAfter)).toBeLessThanOrEqual(900);
    // While locked, even the right password is refused, from any IP.
    expect((await signIn(t, known, PASSWORD, freshIp())).statusCode).toBe(429);
  });

  it.skipIf(skip)('limits sign-in attempts per IP with 429 and Retry-After', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await signIn(t, freshEmail(), 'Wrong-Password-1', ip)).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    const blocked = await signIn(t, freshEmail(), 'Wrong-Password-1', ip);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await signIn(t, freshEmail(), 'Wrong-Password-1', freshIp())).statusCode).toBe(401);
  });

  it.skipIf(skip)('limits sign-ups and reset requests per IP, and resets per account', async () => {
    const ip = freshIp();
    const signUps: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-up',
        payload: { email: freshEmail(), password: PASSWORD, name: 'Bulk' },
        headers: { origin: ORIGIN },
        remoteAddress: ip,
      });
      signUps.push(res.statusCode);
    }
    expect(signUps).toEqual([...Array(10).fill(202), 429]);
    const email = freshEmail();
    const resets: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset/request',
        payload: { email },
        headers: { origin: ORIGIN },
        remoteAddress: freshIp(),
      });
      resets.push(res.statusCode);
    }
    expect(resets).toEqual([202, 202, 202, 429]);
  });

  it.skipIf(skip)(
    'does not let a rotating X-Forwarded-For escape the per-IP limit when no proxy is trusted',
    async () => {
      const ip = freshIp();
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) {
        const xff = `203.0.113.${i + 1}`;
        statuses.push((await signIn(t, freshEmail(), 'Wrong-Password-1', ip, { 'x-forwarded-for': xff })).statusCode);
      }
      expect(statuses.at(-1)).toBe(429);
    },
  );
});

describe('behind a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildAuthApp('pglite', { env: { TRUST_PROXY: '10.0.0.0/8' } });
  });
  afterAll(() => t.close());

  it('counts per forwarded client IP when the proxy is trusted by configuration', async () => {
    const proxy = freshIp();
    const client = '198.51.100.7';
    for (let i = 0; i < 30; i++)
      await signIn(t, freshEmail(), 'Wrong-Password-1', proxy, { 'x-forwarded-for': client });
    expect((await signIn(t, freshEmail(), 'Wrong-Password-1', proxy, { 'x-forwarded-for': client })).statusCode).toBe(
      429,
    );
    const other = await signIn(t, freshEmail(), 'Wrong-Password-1', proxy, { 'x-forwarded-for': '198.51.100.8' });
    expect(other.statusCode).toBe(401);
  });

  it('ignores X-Forwarded-For from an address that is not the trusted proxy', async () => {
    const outsider = '192.0.2.50';
    for (let i = 0; i < 30; i++) {
      await signIn(t, freshEmail(), 'Wrong-Password-1', outsider, { 'x-forwarded-for': `198.51.100.${i + 20}` });
    }
    const res = await signIn(t, freshEmail(), 'Wrong-Password-1', outsider, { 'x-forwarded-for': '198.51.100.99' });
    expect(res.statusCode).toBe(429);
  });
});

const redisUrl = process.env.TEST_REDIS_URL;
describe.skipIf(!redisUrl)('rate-limit counters in Redis (TEST_REDIS_URL)', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: `test-${randomBytes(6).toString('hex')}:` };
    a = await buildAuthApp('pglite', { env });
    b = await buildAuthApp('pglite', { env });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('shares the lock-out between two API processes', async () => {
    const email = freshEmail();
    for (let i = 0; i < 3; i++) expect((await signIn(a, email, 'Wrong-Password-1', freshIp())).statusCode).toBe(401);
    for (let i = 0; i < 2; i++) expect((await signIn(b, email, 'Wrong-Password-1', freshIp())).statusCode).toBe(401);
    const locked = await signIn(a, email, 'Wrong-Password-1', freshIp());
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(890);
  });
});
