/**
 * Fixed-window rate limits for abuse-prone endpoints, counted per IP and per account. Counters
 * live in memory, or in Redis when REDIS_URL is set so several API processes share them (in
 * memory again, per process, while Redis is away: see FailoverLimitStore). The
 * client IP is `req.ip`, which honours X-Forwarded-For only when TRUST_PROXY says so.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import {
  REDIS_TIMEOUTS,
  RedisConnection,
  type RedisLog,
  RedisUnavailableError,
  stderrLog,
  throttled,
} from '../lib/redis.ts';
import { sha256 } from '../modules/auth/secrets.ts';

export interface Hit {
  count: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

export interface LimitStore {
  /** Adds `by` (default 1) to the counter and returns it. */
  hit(key: string, windowMs: number, by?: number): Promise<Hit>;
  peek(key: string): Promise<Hit>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

export class MemoryLimitStore implements LimitStore {
  private readonly counters = new Map<string, { count: number; until: number }>();

  async hit(key: string, windowMs: number, by = 1): Promise<Hit> {
    const now = Date.now();
    let c = this.counters.get(key);
    if (!c || c.until <= now) {
      if (this.counters.size > 100_000) this.sweep(now);
      c = { count: 0, until: now + windowMs };
      this.counters.set(key, c);
    }
    c.count += by;
    return { count: c.count, resetMs: c.until - now };
  }

  async peek(key: string): Promise<Hit> {
    const c = this.counters.get(key);
    const now = Date.now();
    return c && c.until > now ? { count: c.count, resetMs: c.until - now } : { count: 0, resetMs: 0 };
  }

  async reset(key: string): Promise<void> {
    this.counters.delete(key);
  }

  async close(): Promise<void> {}

  private sweep(now: number) {
    for (const [k, v] of this.counters) if (v.until <= now) this.counters.delete(k);
  }
}

// INCRBY and set the expiry on the first hit, atomically, so a crash cannot leave a counter without a TTL.
const HIT_SCRIPT = `local c = redis.call('INCRBY', KEYS[1], ARGV[2])
if c == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {c, redis.call('PTTL', KEYS[1])}`;

export class RedisLimitStore implements LimitStore {
  readonly connection: RedisConnection;
  private readonly prefix: string;

  constructor(url: string, prefix: string, log: RedisLog = stderrLog()) {
    this.connection = new RedisConnection(url, { name: 'rate-limit', log });
    this.prefix = `${prefix}rl:`;
  }

  private get redis() {
    return this.connection.client;
  }

  async hit(key: string, windowMs: number, by = 1): Promise<Hit> {
    const [count, ttl] = (await this.redis.eval(HIT_SCRIPT, 1, this.prefix + key, windowMs, by)) as [number, number];
    return { count, resetMs: ttl > 0 ? ttl : windowMs };
  }

  async peek(key: string): Promise<Hit> {
    const [count, ttl] = await Promise.all([this.redis.get(this.prefix + key), this.redis.pttl(this.prefix + key)]);
    return { count: Number(count ?? 0), resetMs: Math.max(ttl, 0) };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}

/**
 * Shared counters in Redis, and in-process counters while Redis is away: each process then limits
 * on its own (fail-open to a per-process limit, not to no limit and not to 503), and goes back to
 * the shared counters as soon as the connection is ready again. Counts made during the outage stay
 * in that process and are not copied to Redis. See ADR 010.
 */
export class FailoverLimitStore implements LimitStore {
  readonly primary: RedisLimitStore;
  readonly fallback: MemoryLimitStore;
  private readonly warnFallback: () => void;
  private lastError: unknown;

  constructor(primary: RedisLimitStore, log: RedisLog = stderrLog(), fallback = new MemoryLimitStore()) {
    this.primary = primary;
    this.fallback = fallback;
    this.warnFallback = throttled(REDIS_TIMEOUTS.logEveryMs, (suppressed) =>
      log.warn(
        { redis: 'rate-limit', err: errorSummary(this.lastError), suppressed },
        'rate limits counted in this process while Redis is away',
      ),
    );
  }

  hit(key: string, windowMs: number, by?: number): Promise<Hit> {
    return this.use((s) => s.hit(key, windowMs, by));
  }

  peek(key: string): Promise<Hit> {
    return this.use((s) => s.peek(key));
  }

  async reset(key: string): Promise<void> {
    // A reset (failures cleared by a good sign-in) applies to both stores; a Redis counter that
    // cannot be reached now simply expires with its window.
    await this.fallback.reset(key);
    if (!this.primary.connection.usable) return;
    try {
      await this.primary.reset(key);
    } catch (err) {
      this.lastError = err;
      this.warnFallback();
    }
  }

  async close(): Promise<void> {
    await this.primary.close();
    await this.fallback.close();
  }

  private async use<T>(op: (store: LimitStore) => Promise<T>): Promise<T> {
    if (this.primary.connection.usable) {
      try {
        return await op(this.primary);
      } catch (err) {
        this.lastError = err;
      }
    } else {
      this.lastError = new RedisUnavailableError();
    }
    this.warnFallback();
    return op(this.fallback);
  }
}

const errorSummary = (err: unknown) =>
  err instanceof Error ? { message: err.message, code: (err as { code?: unknown }).code } : undefined;

export interface Limit {
  /** Names the counter, e.g. `sign-in:ip`. */
  bucket: string;
  max: number;
  windowMs: number;
}

/** The limits on auth endpoints: generous for people, tight for scripts guessing passwords. */
export const LIMITS = {
  signInIp: { bucket: 'sign-in:ip', max: 30, windowMs: 15 * 60_000 },
  signInAccount: { bucket: 'sign-in:account', max: 10, windowMs: 15 * 60_000 },
  signInFailures: { bucket: 'sign-in:failures', max: 5, windowMs: 15 * 60_000 },
  signUpIp: { bucket: 'sign-up:ip', max: 10, windowMs: 60 * 60_000 },
  resetIp: { bucket: 'reset:ip', max: 10, windowMs: 60 * 60_000 },
  resetAccount: { bucket: 'reset:account', max: 3, windowMs: 60 * 60_000 },
  tokenIp: { bucket: 'token:ip', max: 60, windowMs: 15 * 60_000 },
  tokenAccount: { bucket: 'token:account', max: 20, windowMs: 60 * 60_000 },
  twoFactorAccount: { bucket: 'two-factor:account', max: 5, windowMs: 15 * 60_000 },
  devicePoll: { bucket: 'device:ip', max: 120, windowMs: 15 * 60_000 },
} satisfies Record<string, Limit>;

export class RateLimiter {
  readonly store: LimitStore;
  constructor(store: LimitStore) {
    this.store = store;
  }

  /** Counts one request against `limit` for `subject` (an IP or an account key); throws 429 past the max. */
  async consume(limit: Limit, subject: string): Promise<void> {
    const hit = await this.store.hit(key(limit, subject), limit.windowMs);
    if (hit.count > limit.max) throw tooMany(hit.resetMs);
  }

  /** Throws 429 if the counter is already at its max, without counting (e.g. a lock-out check). */
  async check(limit: Limit, subject: string): Promise<void> {
    const hit = await this.store.peek(key(limit, subject));
    if (hit.count >= limit.max) throw tooMany(hit.resetMs);
  }

  async record(limit: Limit, subject: string): Promise<void> {
    await this.store.hit(key(limit, subject), limit.windowMs);
  }

  async clear(limit: Limit, subject: string): Promise<void> {
    await this.store.reset(key(limit, subject));
  }
}

// Hashing keeps emails out of Redis and bounds the key length whatever the client sends.
const key = (limit: Limit, subject: string) => `${limit.bucket}:${sha256(subject.toLowerCase()).slice(0, 32)}`;

function tooMany(resetMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(resetMs / 1000));
  return new AppError('rate_limited', `Too many attempts; try again in ${seconds} seconds.`, undefined, {
    'retry-after': String(seconds),
  });
}

export function createRateLimiter(redisUrl: string | undefined, prefix: string, log?: RedisLog): RateLimiter {
  return new RateLimiter(
    redisUrl ? new FailoverLimitStore(new RedisLimitStore(redisUrl, prefix, log), log) : new MemoryLimitStore(),
  );
}

/** Adds a per-IP limit to the routes that name one in `config.rateLimit`. */
export function registerRateLimit(app: FastifyInstance, limiter: RateLimiter): void {
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const limit = (req.routeOptions.config as { rateLimit?: Limit }).rateLimit;
    if (limit) await limiter.consume(limit, req.ip);
  });
  app.addHook('onClose', () => limiter.store.close());
}

declare module 'fastify' {
  interface FastifyContextConfig {
    rateLimit?: Limit;
  }
}
