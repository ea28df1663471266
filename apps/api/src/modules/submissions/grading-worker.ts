/**
 * The consuming side of the server-mode queue: a BullMQ worker that runs the grading processor
 * and publishes "settled" when it recorded a verdict. A worker holds a lock on each job it runs and
 * renews it while grading (the engines run off the event loop, so renewals keep flowing); a worker
 * killed mid-grade stops renewing, and another worker's stalled check moves the job back to wait
 * within about one lock period, where it is graded again and recorded once (ADR 009).
 */
import { type Job, Worker } from 'bullmq';
import { bullPrefix, GRADING_QUEUE_NAME } from './bullmq-grading-queue.ts';
import { GradingEventsPublisher } from './grading-events.ts';
import type { GradingJob } from './grading-queue.ts';

export interface GradingWorkerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface GradingWorkerOptions {
  redisUrl: string;
  keyPrefix: string;
  concurrency: number;
  /** A job's lock lasts this long unless renewed; also how often stalled jobs are looked for. */
  lockMs: number;
  /** Grades one submission; true when this call recorded its verdict. Throws to retry with backoff. */
  process: (submissionId: string) => Promise<boolean>;
  log: GradingWorkerLog;
}

export interface GradingWorker {
  /** Resolves once the worker is connected and taking jobs. */
  ready(): Promise<void>;
  /** Stops taking jobs and waits for the ones running to finish. */
  close(): Promise<void>;
  running(): number;
}

export function startGradingWorker(opts: GradingWorkerOptions): GradingWorker {
  const publisher = new GradingEventsPublisher(opts.redisUrl, opts.keyPrefix, (err) =>
    opts.log.warn({ err: err.message }, 'grading events: Redis error'),
  );
  let running = 0;
  const worker = new Worker<GradingJob>(
    GRADING_QUEUE_NAME,
    async (job: Job<GradingJob>) => {
      const id = job.data.submissionId;
      running++;
      try {
        opts.log.info({ submissionId: id, attempt: job.attemptsMade + 1 }, 'grading');
        const recorded = await opts.process(id);
        if (!recorded) return 'already recorded';
        // The verdict is stored; a lost message only delays a stream until its re-read, so a
        // publish failure is logged rather than retried (a retry would find the row settled).
        await publisher
          .publish(id)
          .catch((err: Error) => opts.log.warn({ submissionId: id, err: err.message }, 'could not publish settled'));
        opts.log.info({ submissionId: id }, 'graded');
        return 'recorded';
      } finally {
        running--;
      }
    },
    {
      prefix: bullPrefix(opts.keyPrefix),
      connection: { url: opts.redisUrl, maxRetriesPerRequest: null, connectTimeout: 10_000 },
      concurrency: opts.concurrency,
      lockDuration: opts.lockMs,
      stalledInterval: opts.lockMs,
      // A job whose worker died twice is failed (and removed); the sweep re-adds it if its row is pending.
      maxStalledCount: 2,
      autorun: true,
    },
  );
  worker.on('error', (err) => opts.log.warn({ err: err.message }, 'grading worker: Redis error'));
  worker.on('failed', (job, err) =>
    opts.log.error({ submissionId: job?.data.submissionId, err: err.message }, 'grading attempt failed'),
  );
  worker.on('stalled', (jobId) => opts.log.warn({ submissionId: jobId }, 'grading job stalled; retrying'));
  return {
    ready: async () => {
      await worker.waitUntilReady();
    },
    close: async () => {
      await worker.close();
      await publisher.close();
    },
    running: () => running,
  };
}
