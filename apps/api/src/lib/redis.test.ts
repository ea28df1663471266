/**
 * The shared Redis connection: it knows when Redis is down (so callers skip it at once), its PING
 * is bounded, a partition that swallows packets costs about a second and not ten, errors reach a
 * listener and are logged once per interval, and what counts as "Redis unavailable".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  type RedisProxy,
  redisSkipReason,
  startFreezableRedisProxy,
  startRedisProxy,
} from '../test/test-redis.ts';
import { isRedisUnavailable, RedisConnection, RedisUnavailableError, throttled } from './redis.ts';

describe('throttled logging', () => {
  it('writes the first call, then at most once per interval with the number left out', async () => {
    const written: number[] = [];
    const log = throttled(200, (suppressed) => written.push(suppressed));
    for (let i = 0; i < 50; i++) log();
    expect(written).toEqual([0]);
    await new Promise((r) => setTimeout(r, 250));
    log();
    expect(written).toEqual([0, 49]);
  });
});

describe('isRedisUnavailable', () => {
  it('recognises connection failures, also as a cause, and not command errors', () => {
    expect(isRedisUnavailable(new RedisUnavailableError())).toBe(true);
    expect(isRedisUnavailable(new Error('Command timed out'))).toBe(true);
    expect(isRedisUnavailable(new Error('wrapped', { cause: new Error('Connection is closed.') }))).toBe(true);
    expect(isRedisUnavailable(Object.assign(new Error('x'), { name: 'MaxRetriesPerRequestError' }))).toBe(true);
    expect(isRedisUnavailable(new Error('WRONGTYPE Operation against a key holding the wrong kind of value'))).toBe(
      false,
    );
    expect(isRedisUnavailable(undefined)).toBe(false);
  });
});

const skip = redisSkipReason();
describe.skipIf(skip)('RedisConnection against a real Redis (TEST_REDIS_URL)', () => {
  let proxy: RedisProxy;
  const quiet = { warn: () => {}, info: () => {} };
  beforeAll(async () => {
    proxy = await startRedisProxy();
  });
  afterAll(() => proxy?.close());

  it('is unusable while Redis is away and usable again when it returns', async () => {
    const warnings: { suppressed: number }[] = [];
    const infos: string[] = [];
    const log = {
      warn: (o: object) => warnings.push(o as { suppressed: number }),
      info: (_: object, m: string) => infos.push(m),
    };
    const conn = new RedisConnection(proxy.url, { name: 'test', log });
    await conn.ping(500);
    expect(conn.client.listenerCount('error')).toBeGreaterThan(0);

    await proxy.cut();
    expect(await eventually(async () => !conn.usable)).toBe(true);
    const started = performance.now();
    await expect(conn.ping(500)).rejects.toBeInstanceOf(RedisUnavailableError);
    expect(performance.now() - started).toBeLessThan(100); // refused at once, not after a timeout
    // Reconnect attempts keep failing (about one a second), yet only the first is logged.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(warnings).toHaveLength(1);

    await proxy.restore();
    expect(await eventually(async () => conn.usable)).toBe(true);
    await conn.ping(500);
    expect(infos).toContain('Redis reachable again');
    await conn.close();
  });

  it('drops a connection that stops answering within about a second, then skips it', async () => {
    const freezable = await startFreezableRedisProxy();
    const conn = new RedisConnection(freezable.url, { name: 'test', log: quiet });
    await conn.ping(500);
    freezable.frozen = true;
    const started = performance.now();
    await expect(conn.client.get('anything')).rejects.toSatisfy(isRedisUnavailable);
    const firstMs = performance.now() - started;
    expect(await eventually(async () => !conn.usable, 3_000)).toBe(true);
    console.info(`partitioned Redis: first command failed after ${firstMs.toFixed(0)} ms, then skipped`);
    expect(firstMs).toBeLessThan(5_000);
    await expect(conn.ping(500)).rejects.toBeInstanceOf(RedisUnavailableError);

    freezable.frozen = false;
    expect(await eventually(async () => conn.usable, 5_000)).toBe(true);
    await conn.ping(500);
    await conn.close();
    freezable.close();
  });
});
