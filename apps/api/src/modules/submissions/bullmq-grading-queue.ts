/**
 * The server-mode grading queue (REDIS_URL set): jobs on BullMQ, one per submission with the
 * submission id as job id (adding a job that exists is a no-op), graded by `npm run worker`
 * processes (see grading-worker.ts). Settled submissions are heard on Redis pub/sub, so an SSE
 * stream on any API process learns of a grade made anywhere. See ADR 009.
 */
import { Queue } from 'bullmq';
import { GradingEventsSubscriber } from './grading-events.ts';
import type { GradingJob, GradingQueue, RetryPolicy } from './grading-queue.ts';

export const GRADING_QUEUE_NAME = 'grading';

/** BullMQ's key prefix (its keys are `<prefix>:grading:…`), under the instance's REDIS_KEY_PREFIX. */
export const bullPrefix = (keyPrefix: string) => `${keyPrefix}bull`;

/** BullMQ priorities: a lower number goes first; every job has one so the order is by priority, then FIFO. */
const PRIORITY = { run: 1, submit: 10 } as const;

/** How long `enqueue` waits for Redis before giving up (the row stays `queued`; the sweep adds it later). */
const ENQUEUE_TIMEOUT_MS = 2_000;

export class BullGradingQueue implements GradingQueue {
  readonly #queue: Queue;
  readonly #events: GradingEventsSubscriber;
  readonly #retry: RetryPolicy;
  #counts = { running: 0, waiting: 0 };

  constructor(opts: { redisUrl: string; keyPrefix: string; retry: RetryPolicy; onError?: (err: Error) => void }) {
    const onError = opts.onError ?? (() => {});
    this.#retry = opts.retry;
    this.#queue = new Queue(GRADING_QUEUE_NAME, {
      prefix: bullPrefix(opts.keyPrefix),
      // While Redis is away an add fails after one reconnect attempt, and `enqueue` gives up after
      // ENQUEUE_TIMEOUT_MS anyway: the request still answers 202 (the row is stored) and the sweep
      // enqueues it once Redis is back, instead of holding the request open.
      connection: { url: opts.redisUrl, maxRetriesPerRequest: 1, connectTimeout: 10_000 },
    });
    this.#queue.on('error', onError);
    this.#events = new GradingEventsSubscriber(opts.redisUrl, opts.keyPrefix, onError);
  }

  async enqueue(job: GradingJob): Promise<void> {
    const adding = this.#queue.add('grade', job, {
      jobId: job.submissionId,
      priority: PRIORITY[job.mode ?? 'submit'],
      attempts: this.#retry.attempts,
      backoff: { type: 'exponential', delay: this.#retry.backoffMs },
      // Removed once done, so a sweep can add the same id again should its row still be pending
      // (a job that ran out of tries, or a verdict lost with a database that went away).
      removeOnComplete: true,
      removeOnFail: true,
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Redis did not accept the grading job in time')), ENQUEUE_TIMEOUT_MS);
    });
    try {
      await Promise.race([adding, timeout]);
    } finally {
      clearTimeout(timer);
      adding.catch(() => {});
    }
  }

  onSettled(submissionId: string, listener: () => void): () => void {
    return this.#events.onSettled(submissionId, listener);
  }

  async recover(pending: GradingJob[]): Promise<number> {
    for (const job of pending) await this.enqueue(job);
    await this.refreshStats();
    return pending.length;
  }

  /** Resolves once this process hears settled events (tests wait for it). */
  ready(): Promise<unknown> {
    return this.#events.ready();
  }

  /** Bounded like `enqueue`: with Redis away at start-up, the start-up sweep must not hold `ready` up. */
  async refreshStats(): Promise<void> {
    const counting = this.#queue.getJobCounts('active', 'waiting', 'prioritized', 'delayed');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Redis did not answer the queue counts in time')), ENQUEUE_TIMEOUT_MS);
    });
    const c = await Promise.race([counting, timeout]).finally(() => {
      clearTimeout(timer);
      counting.catch(() => {});
    });
    this.#counts = { running: c.active ?? 0, waiting: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.delayed ?? 0) };
  }

  async close(): Promise<void> {
    // A close that waits on an unreachable Redis must not hold up the process's shutdown.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((r) => {
      timer = setTimeout(r, 2_000);
    });
    const closing = Promise.allSettled([this.#queue.close(), this.#events.close()]).then(() =>
      this.#queue.disconnect().catch(() => {}),
    );
    await Promise.race([closing, late]);
    clearTimeout(timer);
  }

  /** Queue-wide counts as of the last sweep (every API process sees the same queue). */
  stats() {
    return this.#counts;
  }
}
