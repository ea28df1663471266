/**
 * A small key-value cache for per-user aggregates (completion, streak): an in-memory LRU by default,
 * Redis when `REDIS_URL` is set so several API processes share one cache and one invalidation.
 */
import { Redis } from 'ioredis';

export interface Cache {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  del(...keys: string[]): Promise<void>;
  close(): Promise<void>;
}

interface Entry {
  value: unknown;
  expiresAt: number;
}

/** Least-recently-used eviction over a Map (insertion order is recency: a hit re-inserts). */
export class MemoryCache implements Cache {
  readonly #entries = new Map<string, Entry>();
  readonly #max: number;

  constructor(maxEntries = 10_000) {
    this.#max = maxEntries;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const hit = this.#entries.get(key);
    if (!hit) return undefined;
    if (hit.expiresAt <= Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    this.#entries.delete(key);
    this.#entries.set(key, hit);
    return hit.value as T;
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
    if (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  async del(...keys: string[]): Promise<void> {
    for (const k of keys) this.#entries.delete(k);
  }

  async close(): Promise<void> {
    this.#entries.clear();
  }
}

/** Values are JSON; a Redis failure degrades to a cache miss rather than failing the request. */
export class RedisCache implements Cache {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(url: string, prefix = 'backpath:cache:') {
    this.#redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: true });
    // Without a listener a lost connection is an unhandled 'error' event.
    this.#redis.on('error', () => {});
    this.#prefix = prefix;
  }

  async get<T>(key: string): Promise<T | undefined> {
    try {
      const raw = await this.#redis.get(this.#prefix + key);
      return raw === null ? undefined : (JSON.parse(raw) as T);
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    try {
      await this.#redis.set(this.#prefix + key, JSON.stringify(value), 'EX', Math.max(1, Math.ceil(ttlSeconds)));
    } catch {
      // A missed write only costs a recomputation later.
    }
  }

  async del(...keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    // A failed invalidation would serve stale data, so this one is not swallowed.
    await this.#redis.del(...keys.map((k) => this.#prefix + k));
  }

  async close(): Promise<void> {
    this.#redis.disconnect();
  }
}

export function createCache(redisUrl: string | undefined, prefix?: string): Cache {
  return redisUrl ? new RedisCache(redisUrl, prefix) : new MemoryCache();
}
