/**
 * A small key-value cache for per-user aggregates (completion, streak): an in-memory LRU by default,
 * Redis when `REDIS_URL` is set so several API processes share one cache and one invalidation.
 * Every entry has a TTL: it is the upper bound on staleness when an invalidation cannot reach Redis.
 */
import { invariant } from '../errors.ts';
import { REDIS_TIMEOUTS, RedisConnection, type RedisLog, stderrLog, throttled } from './redis.ts';

/** None of these throw when the store is unreachable: a cache outage must not fail a request. */
export interface Cache {
  /** A miss when absent, expired, or the store is unreachable. */
  get<T>(key: string): Promise<T | undefined>;
  /** `ttlSeconds` (> 0) is required: it bounds how long a value outlives a failed invalidation. */
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  /** Invalidation after a committed write; a failure is logged, never thrown (see RedisCache). */
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
    invariant(Number.isFinite(ttlSeconds) && ttlSeconds > 0, `cache TTL must be positive, got ${ttlSeconds}`);
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

/** Keys whose invalidation failed that this process remembers (beyond this, the TTL alone bounds staleness). */
const MAX_STALE_KEYS = 100_000;

/**
 * Values are JSON. Redis being away never fails a request: a read is a miss (the caller computes
 * from the database), a write is skipped, and an invalidation that fails is logged and remembered:
 * this process does not read those keys from Redis again until a DEL of them succeeds (retried when
 * the connection is back). Another process may serve the old value until the TTL ends, which is why
 * every `set` has one. See ADR 010.
 */
export class RedisCache implements Cache {
  readonly connection: RedisConnection;
  readonly #prefix: string;
  readonly #log: RedisLog;
  /** Key -> generation of its latest failed invalidation (a replay only clears what it deleted). */
  readonly #stale = new Map<string, number>();
  #generation = 0;
  readonly #warnInvalidation: () => void;

  constructor(url: string, prefix = 'backpath:cache:', log: RedisLog = stderrLog()) {
    this.connection = new RedisConnection(url, { name: 'cache', log });
    this.#prefix = prefix;
    this.#log = log;
    this.#warnInvalidation = throttled(REDIS_TIMEOUTS.logEveryMs, (suppressed) =>
      log.warn(
        { redis: 'cache', pendingKeys: this.#stale.size, suppressed },
        'cache invalidation failed after a committed write; retried when Redis is back, stale at most one TTL',
      ),
    );
    this.connection.onReady(() => void this.#replayInvalidations());
  }

  /** How many failed invalidations wait for Redis to come back. */
  get pendingInvalidations(): number {
    return this.#stale.size;
  }

  async get<T>(key: string): Promise<T | undefined> {
    if (this.#stale.has(key) || !this.connection.usable) return undefined;
    try {
      const raw = await this.connection.client.get(this.#prefix + key);
      return raw === null ? undefined : (JSON.parse(raw) as T);
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    invariant(Number.isFinite(ttlSeconds) && ttlSeconds > 0, `cache TTL must be positive, got ${ttlSeconds}`);
    if (this.#stale.has(key) || !this.connection.usable) return;
    try {
      await this.connection.client.set(this.#prefix + key, JSON.stringify(value), 'EX', Math.ceil(ttlSeconds));
    } catch {
      // A missed write only costs a recomputation later.
    }
  }

  async del(...keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    if (this.connection.usable) {
      try {
        await this.connection.client.del(...keys.map((k) => this.#prefix + k));
        for (const k of keys) this.#stale.delete(k);
        return;
      } catch {
        // Falls through: remembered below.
      }
    }
    const generation = ++this.#generation;
    for (const k of keys) {
      if (this.#stale.has(k) || this.#stale.size < MAX_STALE_KEYS) this.#stale.set(k, generation);
    }
    this.#warnInvalidation();
  }

  async #replayInvalidations(): Promise<void> {
    if (this.#stale.size === 0) return;
    const batch = [...this.#stale];
    try {
      for (let i = 0; i < batch.length; i += 1_000) {
        await this.connection.client.del(...batch.slice(i, i + 1_000).map(([k]) => this.#prefix + k));
      }
    } catch {
      return; // Still down: the next 'ready' tries again.
    }
    for (const [k, generation] of batch) if (this.#stale.get(k) === generation) this.#stale.delete(k);
    this.#log.info(
      { redis: 'cache', keys: batch.length },
      'replayed cache invalidations that failed while Redis was away',
    );
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}

export function createCache(redisUrl: string | undefined, prefix?: string, log?: RedisLog): Cache {
  return redisUrl ? new RedisCache(redisUrl, prefix, log) : new MemoryCache();
}
