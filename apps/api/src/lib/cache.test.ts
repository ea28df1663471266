/**
 * The aggregate cache: TTL expiry, LRU eviction, invalidation, the same contract on Redis, and what
 * happens while Redis is away (a miss, never an error; invalidations replayed when it is back).
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type RedisProxy, redisSkipReason, startRedisProxy, testRedisPrefix } from '../test/test-redis.ts';
import { type Cache, MemoryCache, RedisCache } from './cache.ts';

const redisUrl = process.env.TEST_REDIS_URL;
const skip = redisSkipReason();

function contract(name: string, make: () => Cache) {
  describe(name, () => {
    it('stores, returns and deletes JSON values', async () => {
      const cache = make();
      await cache.set('a', { n: 1 }, 60);
      expect(await cache.get('a')).toEqual({ n: 1 });
      await cache.del('a');
      expect(await cache.get('a')).toBeUndefined();
      await cache.close();
    });
    it('forgets a value after its TTL', async () => {
      const cache = make();
      await cache.set('b', 2, 1);
      await new Promise((r) => setTimeout(r, 1_100));
      expect(await cache.get('b')).toBeUndefined();
      await cache.close();
    });
  });
}

contract('MemoryCache', () => new MemoryCache());

describe('MemoryCache eviction', () => {
  it('evicts the least recently used entry beyond its capacity', async () => {
    const cache = new MemoryCache(2);
    await cache.set('x', 1, 60);
    await cache.set('y', 2, 60);
    await cache.get('x'); // x is now the most recent
    await cache.set('z', 3, 60);
    expect(await cache.get('y')).toBeUndefined();
    expect(await cache.get('x')).toBe(1);
    expect(await cache.get('z')).toBe(3);
  });
});

describe.skipIf(skip)('RedisCache (TEST_REDIS_URL)', () => {
  contract('shared through Redis', () => new RedisCache(redisUrl!, `test:${randomBytes(6).toString('hex')}:`));
  it('two processes sharing a prefix see one invalidation', async () => {
    const prefix = `test:${randomBytes(6).toString('hex')}:`;
    const a = new RedisCache(redisUrl!, prefix);
    const b = new RedisCache(redisUrl!, prefix);
    await a.set('k', 'v', 60);
    expect(await b.get('k')).toBe('v');
    await b.del('k');
    expect(await a.get('k')).toBeUndefined();
    await a.close();
    await b.close();
  });
});

describe.skipIf(skip)('RedisCache while Redis is away (a proxy in front of TEST_REDIS_URL)', () => {
  let proxy: RedisProxy;
  let direct: Redis;
  const warnings: string[] = [];
  const log = { warn: (_: object, msg: string) => warnings.push(msg), info: () => {} };
  beforeAll(async () => {
    proxy = await startRedisProxy();
    direct = new Redis(process.env.TEST_REDIS_URL!);
  });
  afterAll(async () => {
    await proxy?.close();
    direct?.disconnect();
  });

  it('misses on read, never throws on invalidation, and replays the invalidation when Redis is back', async () => {
    const prefix = testRedisPrefix('cache');
    const cache = new RedisCache(proxy.url, prefix, log);
    await cache.set('k', 'old', 60);
    expect(await cache.get('k')).toBe('old');

    await proxy.cut();
    expect(await eventually(async () => !cache.connection.usable)).toBe(true);
    await expect(cache.del('k')).resolves.toBeUndefined();
    await expect(cache.del('k2')).resolves.toBeUndefined();
    expect(warnings.filter((w) => w.startsWith('cache invalidation failed'))).toHaveLength(1); // throttled
    expect(cache.pendingInvalidations).toBe(2);
    expect(await cache.get('k')).toBeUndefined();
    await cache.set('fresh', 1, 60); // skipped, not thrown
    // The old value is still in Redis: without the replay, another process would serve it for the TTL.
    expect(await direct.get(`${prefix}k`)).toBe('"old"');

    await proxy.restore();
    expect(await eventually(async () => cache.pendingInvalidations === 0)).toBe(true);
    expect(await direct.get(`${prefix}k`)).toBeNull();
    await cache.set('k', 'new', 60);
    expect(await cache.get('k')).toBe('new');
    await cache.close();
  });

  it('gives every entry a TTL and refuses one without', async () => {
    const prefix = testRedisPrefix('cache');
    const cache = new RedisCache(process.env.TEST_REDIS_URL!, prefix, log);
    await cache.set('a', 1, 0.2);
    await cache.set('b', 1, 300);
    expect(await direct.pttl(`${prefix}a`)).toBeGreaterThan(0);
    expect(await direct.pttl(`${prefix}b`)).toBeGreaterThan(299_000);
    await expect(cache.set('c', 1, 0)).rejects.toThrow(/TTL must be positive/);
    await expect(new MemoryCache().set('c', 1, Number.POSITIVE_INFINITY)).rejects.toThrow(/TTL must be positive/);
    await cache.close();
  });

  it('gives up within about a second on a Redis that accepts connections but never answers', async () => {
    const silent = net.createServer(() => {}); // a black hole: the socket opens, no byte comes back
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as net.AddressInfo;
    const cache = new RedisCache(`redis://127.0.0.1:${port}`, testRedisPrefix('cache'), log);
    const started = performance.now();
    expect(await cache.get('x')).toBeUndefined();
    await cache.del('x');
    const ms = performance.now() - started;
    console.info(`black-holed Redis: get + del took ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(5_000);
    await cache.close();
    silent.close();
  });
});
