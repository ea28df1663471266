/**
 * "A submission settled", across processes: the worker that records a verdict publishes the id on
 * one Redis pub/sub channel under REDIS_KEY_PREFIX, and every API process subscribed to it wakes
 * the SSE streams it holds for that id. Pub/sub is fire-and-forget: a stream that misses a message
 * (Redis away at that moment) still ends with its re-read on timeout, and clients poll as a fallback.
 */
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';

export const settledChannel = (keyPrefix: string) => `${keyPrefix}grading:settled`;

/** QUIT waits for Redis's reply; with Redis unreachable (or a partition) the socket is dropped instead. */
export async function quitWithin(redis: Redis, ms = 1_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((r) => {
    timer = setTimeout(r, ms);
  });
  await Promise.race([redis.quit().catch(() => {}), late]);
  clearTimeout(timer);
  redis.disconnect();
}

const OPTIONS = {
  // A publish while Redis is away fails after one reconnect attempt instead of waiting for it.
  maxRetriesPerRequest: 1,
  connectTimeout: 10_000,
  retryStrategy: (times: number) => Math.min(times * 200, 2_000),
} as const;

export class GradingEventsPublisher {
  readonly #redis: Redis;
  readonly #channel: string;

  constructor(redisUrl: string, keyPrefix: string, onError: (err: Error) => void = () => {}) {
    this.#redis = new Redis(redisUrl, { ...OPTIONS, connectionName: 'grading-events-pub' });
    this.#redis.on('error', onError);
    this.#channel = settledChannel(keyPrefix);
  }

  async publish(submissionId: string): Promise<void> {
    await this.#redis.publish(this.#channel, submissionId);
  }

  async close(): Promise<void> {
    await quitWithin(this.#redis);
  }
}

export class GradingEventsSubscriber {
  readonly #redis: Redis;
  readonly #events = new EventEmitter();
  readonly #ready: Promise<unknown>;

  constructor(redisUrl: string, keyPrefix: string, onError: (err: Error) => void = () => {}) {
    // A subscriber keeps its subscription across reconnects (ioredis re-subscribes on its own).
    this.#redis = new Redis(redisUrl, {
      connectTimeout: 10_000,
      retryStrategy: (times: number) => Math.min(times * 200, 2_000),
      connectionName: 'grading-events-sub',
    });
    this.#redis.on('error', onError);
    this.#redis.on('message', (_channel: string, id: string) => this.#events.emit(id));
    this.#events.setMaxListeners(0);
    this.#ready = this.#redis.subscribe(settledChannel(keyPrefix)).catch(onError);
  }

  /** Resolves once the subscription is in place (tests wait for it before publishing). */
  ready(): Promise<unknown> {
    return this.#ready;
  }

  onSettled(submissionId: string, listener: () => void): () => void {
    this.#events.once(submissionId, listener);
    return () => this.#events.off(submissionId, listener);
  }

  async close(): Promise<void> {
    this.#events.removeAllListeners();
    await quitWithin(this.#redis);
  }
}
