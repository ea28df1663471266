/** The aggregate cache: TTL expiry, LRU eviction, invalidation, and the same contract on Redis. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Cache, MemoryCache, RedisCache } from './cache.ts';

const redisUrl = process.env.TEST_REDIS_URL;

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

describe.skipIf(!redisUrl)('RedisCache (TEST_REDIS_URL)', () => {
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
