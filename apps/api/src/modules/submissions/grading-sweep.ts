/**
 * The database is the record of what was accepted; the queue is only how it reaches a grader. A
 * periodic sweep hands rows still `queued` after a while, or `grading` for longer than any grade
 * takes, back to the queue, so an outage of PostgreSQL or Redis (an enqueue that failed, a job that
 * ran out of retries, a worker killed mid-grade) never strands an acknowledged submission. Both
 * queues de-duplicate by submission id, so sweeping a row that is in fact waiting changes nothing.
 */
import type { Queryable } from '../../db/client.ts';
import type { GradingQueue } from './grading-queue.ts';
import { pendingSubmissions } from './submissions.repository.ts';

export interface SweepOptions {
  db: Queryable;
  queue: GradingQueue;
  /** Seconds between sweeps. */
  everySeconds: number;
  /** A `queued` row older than this is re-enqueued. */
  queuedSeconds: number;
  /** A `grading` row older than this (the grading time limit plus a margin) is re-enqueued. */
  gradingSeconds: number;
  onError?: (err: unknown) => void;
  onRecovered?: (count: number) => void;
}

/** At most this many rows per sweep, oldest first; the next sweep takes the rest. */
const SWEEP_BATCH = 500;

/** Sweeps once now; returns how many rows were handed to the queue. */
export async function sweepOnce(opts: Omit<SweepOptions, 'everySeconds'>): Promise<number> {
  const rows = await pendingSubmissions(opts.db, {
    queuedSeconds: opts.queuedSeconds,
    gradingSeconds: opts.gradingSeconds,
    limit: SWEEP_BATCH,
  });
  return opts.queue.recover(rows.map((r) => ({ submissionId: r.id, learnerId: r.user_id, mode: r.mode })));
}

/** Starts sweeping every `everySeconds`; the returned function stops it. */
export function startGradingSweep(opts: SweepOptions): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepOnce(opts)
      .then((n) => n > 0 && opts.onRecovered?.(n), opts.onError)
      .finally(() => {
        running = false;
      });
  }, opts.everySeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
