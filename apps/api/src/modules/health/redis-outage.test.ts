/**
 * The whole API in server mode while Redis goes away and comes back (a TCP proxy in front of
 * TEST_REDIS_URL is cut and restored; the shared Redis itself is never touched): readiness says
 * so, liveness does not, committed writes answer 2xx and are read back, sign-in answers fast with
 * its limits still enforced, a route that needs Redis answers 503 + Retry-After, and after the
 * proxy returns the cache and the rate limiter use Redis again without a restart.
 */
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisConnection } from '../../lib/redis.ts';
import type { TestApp } from '../../test/build-test-app.ts';
import { postgresSkipReason } from '../../test/test-database.ts';
import {
  eventually,
  type FreezableProxy,
  type RedisProxy,
  redisSkipReason,
  startFreezableRedisProxy,
  startRedisProxy,
  testRedisPrefix,
} from '../../test/test-redis.ts';
import {
  buildAuthApp,
  cookieFrom,
  freshEmail,
  freshIp,
  ORIGIN,
  PASSWORD,
  signUpForReal,
} from '../auth/auth-test-kit.ts';

const skip = redisSkipReason();
const backend = postgresSkipReason() ? 'pglite' : 'postgres';

const lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});
const records = () => lines.map((l) => JSON.parse(l) as { level: number; msg: string; redis?: string });

describe.skipIf(skip)(`the API on ${backend} while Redis is away`, () => {
  let proxy: RedisProxy;
  let direct: Redis;
  let t: TestApp;
  const prefix = testRedisPrefix('outage');
  let needsRedis: RedisConnection;

  const inject = (method: 'GET' | 'PUT' | 'POST', url: string, cookie?: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: { origin: ORIGIN, ...(cookie ? { cookie } : {}) },
      remoteAddress: freshIp(),
      ...(payload ? { payload } : {}),
    });
  const signIn = (email: string, password: string) =>
    inject('POST', '/api/auth/sign-in', undefined, { email, password });
  const cached = async (userId: string) => {
    const raw = await direct.get(`${prefix}cache:progress:${userId}`);
    return raw === null ? undefined : (JSON.parse(JSON.parse(raw).json) as { overall: { done: number } });
  };

  beforeAll(async () => {
    proxy = await startRedisProxy();
    direct = new Redis(process.env.TEST_REDIS_URL!);
    t = await buildAuthApp(backend, {
      env: { REDIS_URL: proxy.url, REDIS_KEY_PREFIX: prefix },
      logger: { level: 'info', stream: sink },
      extend(app) {
        // Stands for a feature that cannot work without Redis (a queue, pub/sub): it must answer 503.
        needsRedis = new RedisConnection(proxy.url, {
          name: 'test-needs-redis',
          log: app.log,
          overrides: { enableOfflineQueue: false },
        });
        app.addHook('onClose', () => needsRedis.close());
        app.get('/api/test/needs-redis', { config: { access: 'public' } }, async () => ({
          value: await needsRedis.client.incr(`${prefix}needs-redis`),
        }));
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await proxy?.close();
    direct?.disconnect();
  });

  it('degrades while Redis is away and recovers by itself when it returns', async () => {
    // Before: ready, with Redis named; progress cached in Redis.
    expect(await eventually(async () => (await t.app.inject('/readyz')).statusCode === 200)).toBe(true);
    expect((await t.app.inject('/readyz')).json()).toEqual({
      status: 'ready',
      checks: { database: backend, redis: 'ok' },
    });
    const learner = await signUpForReal(t);
    const lockedOut = await signUpForReal(t);
    expect((await inject('GET', '/api/progress', learner.cookie)).json().overall.done).toBe(0);
    expect((await cached(learner.id))?.overall.done).toBe(0);
    expect((await t.app.inject('/api/test/needs-redis')).statusCode).toBe(200);

    await proxy.cut();

    // Readiness fails naming Redis, quickly; liveness stays 200.
    let started = performance.now();
    const notReady = await t.app.inject('/readyz');
    const readyzMs = performance.now() - started;
    expect(notReady.statusCode).toBe(503);
    expect(notReady.headers['retry-after']).toBe('5');
    expect(notReady.json()).toEqual({
      error: {
        code: 'service_unavailable',
        message: 'Redis is not reachable.',
        details: { checks: { database: 'ok', redis: 'unreachable' } },
      },
    });
    expect((await t.app.inject('/healthz')).statusCode).toBe(200);

    // A committed write answers 2xx (no 500 that a client would retry into a duplicate), and the
    // next read comes from the database, not from the stale entry still in Redis.
    const put = await inject('PUT', '/api/progress/topics/beta-one', learner.cookie, { status: 'done' });
    expect(put.statusCode).toBe(200);
    expect((await inject('GET', '/api/progress', learner.cookie)).json().overall.done).toBe(1);
    expect((await cached(learner.id))?.overall.done).toBe(0); // the stale entry the replay must remove

    // Sign-in answers fast, and the per-account lock-out still holds (counted in this process).
    started = performance.now();
    const signedIn = await signIn(learner.email, PASSWORD);
    const signInMs = performance.now() - started;
    expect(signedIn.statusCode).toBe(200);
    expect(cookieFrom(signedIn)).toMatch(/backpath_session=/);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signIn(lockedOut.email, `Wrong-Password-${i}x`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await signIn(freshEmail(), 'Wrong-Password-1')).statusCode).toBe(401);

    // What truly needs Redis answers in the one error shape, with Retry-After, without internals.
    const unavailable = await t.app.inject('/api/test/needs-redis');
    expect(unavailable.statusCode).toBe(503);
    expect(unavailable.headers['retry-after']).toBe('5');
    expect(unavailable.json().error.code).toBe('service_unavailable');
    expect(unavailable.body).not.toMatch(/ECONNREFUSED|Stream|127\.0\.0\.1|redis/i);
    console.info(
      `Redis away (proxy cut; noisy shared machine): /readyz 503 in ${readyzMs.toFixed(0)} ms, sign-in 200 in ${signInMs.toFixed(0)} ms`,
    );
    expect(signInMs).toBeLessThan(5_000);
    expect(readyzMs).toBeLessThan(5_000);

    await proxy.restore();

    // Ready again, and Redis is used again by every client, without a restart.
    expect(await eventually(async () => (await t.app.inject('/readyz')).statusCode === 200)).toBe(true);
    expect(await eventually(async () => (await cached(learner.id)) === undefined)).toBe(true); // invalidation replayed
    expect((await inject('GET', '/api/progress', learner.cookie)).json().overall.done).toBe(1);
    expect((await cached(learner.id))?.overall.done).toBe(1);
    const before = (await direct.keys(`${prefix}rl:sign-in:ip:*`)).length;
    await signIn(freshEmail(), 'Wrong-Password-1');
    expect((await direct.keys(`${prefix}rl:sign-in:ip:*`)).length).toBe(before + 1);
    expect(await eventually(async () => (await t.app.inject('/api/test/needs-redis')).statusCode === 200)).toBe(true);

    // Logged, not flooded: one "unavailable" line per connection, then "reachable again".
    const down = records().filter((r) => r.msg === 'Redis unavailable; using fallbacks');
    // One line each for the four connections (cache, rate limits, readiness, the test's own).
    expect(down.map((r) => r.redis).sort()).toEqual(['cache', 'rate-limit', 'readiness', 'test-needs-redis']);
    const back = records().filter((r) => r.msg === 'Redis reachable again');
    expect(new Set(back.map((r) => r.redis)).size).toBe(4);
  });
});

describe.skipIf(skip)('sign-in while Redis swallows packets (a partition, not a refused connection)', () => {
  let proxy: FreezableProxy;
  let t: TestApp;
  beforeAll(async () => {
    proxy = await startFreezableRedisProxy();
    t = await buildAuthApp('pglite', { env: { REDIS_URL: proxy.url, REDIS_KEY_PREFIX: testRedisPrefix('partition') } });
  });
  afterAll(async () => {
    await t?.close();
    proxy?.close();
  });

  it('answers within a couple of seconds, not the ten a connect timeout would take', async () => {
    const { email } = await signUpForReal(t);
    expect(await eventually(async () => (await t.app.inject('/readyz')).statusCode === 200)).toBe(true);
    proxy.frozen = true;
    const timings: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email, password: PASSWORD },
        headers: { origin: ORIGIN },
        remoteAddress: freshIp(),
      });
      timings.push(performance.now() - started);
      expect(res.statusCode).toBe(200);
    }
    const started = performance.now();
    expect((await t.app.inject('/readyz')).statusCode).toBe(503);
    const readyzMs = performance.now() - started;
    console.info(
      `Redis partitioned (noisy shared machine): sign-in 200 in ${timings.map((ms) => ms.toFixed(0)).join(', ')} ms; /readyz 503 in ${readyzMs.toFixed(0)} ms`,
    );
    for (const ms of timings) expect(ms).toBeLessThan(5_000);
    proxy.frozen = false;
    expect(await eventually(async () => (await t.app.inject('/readyz')).statusCode === 200)).toBe(true);
  });
});

describe.skipIf(skip)('starting while Redis is away', () => {
  it('starts, serves sign-in and progress, reports not ready, and becomes ready when Redis arrives', async () => {
    const proxy = await startRedisProxy();
    await proxy.cut();
    const t = await buildAuthApp('pglite', {
      env: { REDIS_URL: proxy.url, REDIS_KEY_PREFIX: testRedisPrefix('start') },
    });
    try {
      expect((await t.app.inject('/readyz')).statusCode).toBe(503);
      const learner = await signUpForReal(t);
      const progress = await t.app.inject({ url: '/api/progress', headers: { cookie: learner.cookie } });
      expect(progress.statusCode).toBe(200);
      await proxy.restore();
      expect(await eventually(async () => (await t.app.inject('/readyz')).statusCode === 200)).toBe(true);
    } finally {
      await t.close();
      await proxy.close();
    }
  });
});
