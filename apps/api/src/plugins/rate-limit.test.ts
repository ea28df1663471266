/**
 * Rate-limit counters while Redis is away: each process keeps limiting with its own counters (a
 * guesser still meets 429), answers at once instead of waiting on a dead connection, and goes back
 * to the shared counters in Redis when it returns, without a restart.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type RedisProxy, redisSkipReason, startRedisProxy, testRedisPrefix } from '../test/test-redis.ts';
import { FailoverLimitStore, type Limit, RateLimiter, RedisLimitStore } from './rate-limit.ts';

const limit: Limit = { bucket: 'test:ip', max: 3, windowMs: 60_000 };
const skip = redisSkipReason();

describe.skipIf(skip)('rate limits while Redis is away (a proxy in front of TEST_REDIS_URL)', () => {
  let proxy: RedisProxy;
  let direct: Redis;
  beforeAll(async () => {
    proxy = await startRedisProxy();
    direct = new Redis(process.env.TEST_REDIS_URL!);
  });
  afterAll(async () => {
    await proxy?.close();
    direct?.disconnect();
  });

  it('counts in the process during the outage and in Redis again once it is back', async () => {
    const prefix = testRedisPrefix('rl');
    const warnings: string[] = [];
    const log = { warn: (_: object, msg: string) => warnings.push(msg), info: () => {} };
    const store = new FailoverLimitStore(new RedisLimitStore(proxy.url, prefix, log), log);
    const limiter = new RateLimiter(store);
    const sharedKeys = () => direct.keys(`${prefix}rl:*`);

    await limiter.consume(limit, '192.0.2.1');
    expect(await sharedKeys()).toHaveLength(1);

    await proxy.cut();
    expect(await eventually(async () => !store.primary.connection.usable)).toBe(true);
    const started = performance.now();
    for (let i = 0; i < 3; i++) await limiter.consume(limit, '192.0.2.2');
    await expect(limiter.consume(limit, '192.0.2.2')).rejects.toMatchObject({ code: 'rate_limited' });
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(1_000); // no command waits on the dead connection
    expect(warnings.filter((w) => w.startsWith('rate limits counted in this process'))).toHaveLength(1);
    expect(await sharedKeys()).toHaveLength(1); // nothing reached Redis

    await proxy.restore();
    expect(await eventually(async () => store.primary.connection.usable)).toBe(true);
    await limiter.consume(limit, '192.0.2.3');
    expect(await sharedKeys()).toHaveLength(2);
    // Shared counters again: a second process sees this one's count.
    const other = new RedisLimitStore(process.env.TEST_REDIS_URL!, prefix, log);
    for (let i = 0; i < 2; i++) await limiter.consume(limit, '192.0.2.4');
    await expect(new RateLimiter(other).consume(limit, '192.0.2.4')).resolves.toBeUndefined();
    await expect(new RateLimiter(other).consume(limit, '192.0.2.4')).rejects.toMatchObject({ code: 'rate_limited' });
    await other.close();
    await store.close();
  });

  it('falls back when a command fails on a connection it believed healthy', async () => {
    const prefix = testRedisPrefix('rl');
    const seen: { err?: { message?: string } }[] = [];
    const log = { warn: (obj: object) => seen.push(obj), info: () => {} };
    const store = new FailoverLimitStore(new RedisLimitStore(proxy.url, prefix, log), log);
    await store.hit('k', 60_000);
    // Cut and hit at once: the command is sent before the client notices, and must still settle fast.
    const cut = proxy.cut();
    const started = performance.now();
    const hit = await store.hit('k', 60_000);
    await cut;
    expect(hit.count).toBeGreaterThanOrEqual(1);
    expect(performance.now() - started).toBeLessThan(5_000);
    // The fallback was taken because the command itself failed, not because the client knew beforehand.
    expect(seen.map((o) => o.err?.message)).toContainEqual(
      expect.stringMatching(/max retries|Connection is closed|timed out/i),
    );
    await proxy.restore();
    await store.close();
  });
});
