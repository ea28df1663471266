/**
 * One way to open a Redis connection: short timeouts so a call fails in about a second instead of
 * hanging, an 'error' listener (an unhandled 'error' event would crash the process) whose logging
 * is throttled so an outage does not flood the logs, and a `usable` flag so callers that have a
 * fallback take it at once while the connection is known to be down. See ADR 010.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { pino } from 'pino';

/** The part of a pino/Fastify logger this module uses. */
export interface RedisLog {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/** For clients built outside a Fastify app (scripts, direct use): JSON lines on stderr. */
export function stderrLog(): RedisLog {
  fallbackLog ??= pino({ name: 'redis', level: 'info' }, pino.destination(2));
  return fallbackLog;
}
let fallbackLog: RedisLog | undefined;

export const REDIS_TIMEOUTS = {
  /** A TCP connect (or a black-holed address) gives up after this. */
  connectMs: 1_000,
  /** A command without a reply fails after this ("Command timed out"). */
  commandMs: 1_000,
  /**
   * A connection with a command pending that receives nothing for this long is dropped (and shows
   * as down). Shorter than `commandMs`, so the caller after the one that timed out already skips it.
   */
  silentSocketMs: 750,
  /** Reconnect attempts back off up to this, so Redis is used again within about a second of its return. */
  maxReconnectDelayMs: 1_000,
  /** At most one "Redis unavailable" line per connection per this interval (the rest are counted). */
  logEveryMs: 30_000,
};

/** Thrown by callers that cannot do without Redis; the error handler answers 503 with Retry-After. */
export class RedisUnavailableError extends Error {
  readonly code = 'REDIS_UNAVAILABLE';
  constructor(message = 'Redis is not reachable.', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RedisUnavailableError';
  }
}

// What ioredis rejects a command with when the connection, not the command, is at fault.
const UNAVAILABLE_MESSAGES =
  /Command timed out|Connection is closed|Stream isn't writeable|enableOfflineQueue options is false|max retries per request/i;

/** True when `err` (or its cause) says Redis could not be reached, as opposed to a bad command. */
export function isRedisUnavailable(err: unknown): boolean {
  for (let e = err as { name?: unknown; message?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; i++) {
    if (e instanceof RedisUnavailableError || e.name === 'MaxRetriesPerRequestError') return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** Logs the first call, then at most once per `everyMs` with how many calls were left out. */
export function throttled(everyMs: number, write: (suppressed: number) => void): () => void {
  let last = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return () => {
    const now = Date.now();
    if (now - last < everyMs) {
      suppressed++;
      return;
    }
    write(suppressed);
    last = now;
    suppressed = 0;
  };
}

export interface RedisConnectionOptions {
  /** Names the connection in logs and in Redis' CLIENT LIST (e.g. `cache`, `rate-limit`). */
  name: string;
  log: RedisLog;
  /**
   * ioredis options that override the defaults below. A BullMQ worker needs `maxRetriesPerRequest:
   * null` and no `commandTimeout`/`socketTimeout`, since its blocking commands wait on purpose.
   */
  overrides?: RedisOptions;
}

export class RedisConnection {
  readonly client: Redis;
  #everReady = false;
  #downSince: number | undefined;
  #lastError: { message: string; code?: string | undefined } | undefined;
  readonly #readyListeners: (() => void)[] = [];

  constructor(url: string, opts: RedisConnectionOptions) {
    const { name, log } = opts;
    this.client = new Redis(url, {
      connectionName: name,
      connectTimeout: REDIS_TIMEOUTS.connectMs,
      commandTimeout: REDIS_TIMEOUTS.commandMs,
      // A connection that stops answering (a network partition: no close, no reset) is dropped after
      // this long with a command pending, so it shows as down and callers stop waiting on it. Idle
      // connections are not affected; clients of blocking commands (BullMQ) must override it.
      socketTimeout: REDIS_TIMEOUTS.silentSocketMs,
      // An in-flight command is retried once on the next connection, then rejected.
      maxRetriesPerRequest: 1,
      // Commands sent before the first connection wait for it (bounded by commandTimeout); once the
      // connection has been lost, callers check `usable` and do not send at all.
      enableOfflineQueue: true,
      retryStrategy: (times) =>
        Math.min(times * 100, REDIS_TIMEOUTS.maxReconnectDelayMs) + Math.floor(Math.random() * 100),
      ...opts.overrides,
    });
    const logDown = throttled(REDIS_TIMEOUTS.logEveryMs, (suppressed) =>
      log.warn({ redis: name, err: this.#lastError, suppressed }, 'Redis unavailable; using fallbacks'),
    );
    this.client.on('error', (err: Error & { code?: string }) => {
      this.#lastError = { message: err.message, code: err.code };
      this.#downSince ??= Date.now();
      logDown();
    });
    this.client.on('close', () => {
      if (this.#everReady) this.#downSince ??= Date.now();
    });
    this.client.on('ready', () => {
      if (this.#downSince !== undefined && this.#everReady) {
        log.info({ redis: name, downForMs: Date.now() - this.#downSince }, 'Redis reachable again');
      }
      this.#everReady = true;
      this.#downSince = undefined;
      for (const fn of this.#readyListeners) fn();
    });
  }

  /**
   * False while the connection is known to be down (lost, reconnecting, closed), so a caller with
   * a fallback takes it without waiting for a timeout. True while connected, and during the very
   * first connection attempt (commands then queue for at most `commandMs`).
   */
  get usable(): boolean {
    const s = this.client.status;
    if (s === 'ready') return true;
    return !this.#everReady && (s === 'wait' || s === 'connecting' || s === 'connect');
  }

  /** Runs `fn` each time the connection becomes ready (e.g. to replay invalidations that failed). */
  onReady(fn: () => void): void {
    this.#readyListeners.push(fn);
  }

  /** Resolves when Redis answers PING within `timeoutMs`; rejects with RedisUnavailableError otherwise. */
  async ping(timeoutMs: number): Promise<void> {
    if (!this.usable) throw new RedisUnavailableError();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.client.ping(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new RedisUnavailableError('Redis did not answer PING in time.')), timeoutMs);
        }),
      ]);
    } catch (err) {
      throw err instanceof RedisUnavailableError ? err : new RedisUnavailableError(undefined, { cause: err });
    } finally {
      clearTimeout(timer);
    }
  }

  /** QUIT when connected (bounded), then drop the socket; never waits for an absent server. */
  async close(): Promise<void> {
    if (this.client.status === 'ready') {
      await Promise.race([this.client.quit().catch(() => {}), new Promise((r) => setTimeout(r, 500).unref())]);
    }
    this.client.disconnect();
  }
}
