/**
 * Grading runs behind the API: a submission is stored as `queued`, a queue hands its id to a
 * processor (`queued -> grading -> graded | failed`), and listeners hear when it settles. The
 * in-process queue below is the embedded default; `bullmq-grading-queue.ts` implements the same
 * interface over Redis when grading runs in separate worker processes (ADR 009).
 */
import { EventEmitter } from 'node:events';

/** One unit of grading work: the stored submission, and whose it is (for fairness between learners). */
export interface GradingJob {
  submissionId: string;
  learnerId: string;
  /** `run` jobs (the editor's quick check, a request is waiting) go ahead of `submit` jobs. */
  mode?: 'run' | 'submit';
}

export interface GradingQueue {
  /** Accepts a stored `queued` submission; never waits for the grade. Enqueuing one twice is a no-op. */
  enqueue(job: GradingJob): Promise<void>;
  /** Calls `listener` once when the submission settles (graded or failed); returns an unsubscribe. */
  onSettled(submissionId: string, listener: () => void): () => void;
  /** Re-queues rows left `queued` or `grading` (a previous process, an outage, a killed worker). */
  recover(pending: GradingJob[]): Promise<number>;
  /** Stops taking work and waits for in-flight grades; queued rows stay queued for the next start. */
  close(): Promise<void>;
  stats(): { running: number; waiting: number };
}

/** Resolves when the processor recorded a verdict (true) or found it already recorded (false); throws to retry. */
export type Processor = (submissionId: string) => Promise<unknown>;

export interface RetryPolicy {
  /** Tries per job, the first included, before it is left to the periodic sweep. */
  attempts: number;
  /** The first retry waits this long; each later one twice as long as the one before. */
  backoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, backoffMs: 1_000 };

/**
 * Bounded concurrency so a burst of submissions queues here instead of swamping the engines, with
 * round-robin between learners (one learner's ten runaway loops cannot delay everyone else's grade
 * by ten time limits), and retry with exponential backoff when the processor throws (the database
 * went away between claim and record).
 */
export class InProcessGradingQueue implements GradingQueue {
  readonly #process: Processor;
  readonly #concurrency: number;
  readonly #retry: RetryPolicy;
  /**
   * Waiting ids per learner, each tagged with a round: a learner's n-th waiting job belongs to the
   * n-th round from now, so the queue serves one job per learner per round (fair queuing). Within
   * a round, jobs go in arrival order.
   */
  readonly #lanes = new Map<string, { id: string; round: number; seq: number }[]>();
  /** The round of the last job each learner had assigned; older than `#round` means "none pending". */
  readonly #lastRound = new Map<string, number>();
  #round = 0;
  #seq = 0;
  /** `run` jobs: someone's request is waiting on them, so they go first. */
  readonly #urgent: GradingJob[] = [];
  /** Every id waiting, running or waiting to retry: enqueuing one of them again is a no-op. */
  readonly #known = new Map<string, GradingJob>();
  readonly #attempts = new Map<string, number>();
  readonly #retryTimers = new Set<NodeJS.Timeout>();
  readonly #events = new EventEmitter();
  readonly #inFlight = new Set<Promise<void>>();
  #closed = false;
  readonly #onError: (err: unknown, id: string, willRetry: boolean) => void;

  constructor(opts: {
    process: Processor;
    concurrency?: number;
    retry?: Partial<RetryPolicy>;
    onError?: (err: unknown, id: string, willRetry: boolean) => void;
  }) {
    this.#process = opts.process;
    this.#concurrency = opts.concurrency ?? 4;
    this.#retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.#onError = opts.onError ?? (() => {});
    // SSE streams each add a listener; many watchers of one busy server are normal.
    this.#events.setMaxListeners(0);
  }

  async enqueue(job: GradingJob): Promise<void> {
    if (this.#closed || this.#known.has(job.submissionId)) return;
    this.#known.set(job.submissionId, job);
    this.#wait(job);
    this.#pump();
  }

  onSettled(submissionId: string, listener: () => void): () => void {
    const event = `settled:${submissionId}`;
    this.#events.once(event, listener);
    return () => this.#events.off(event, listener);
  }

  async recover(pending: GradingJob[]): Promise<number> {
    let added = 0;
    for (const job of pending) {
      if (this.#closed || this.#known.has(job.submissionId)) continue;
      await this.enqueue(job);
      added++;
    }
    return added;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#lanes.clear();
    this.#lastRound.clear();
    this.#urgent.length = 0;
    for (const timer of this.#retryTimers) clearTimeout(timer);
    this.#retryTimers.clear();
    await Promise.allSettled([...this.#inFlight]);
  }

  stats() {
    let waiting = this.#urgent.length;
    for (const lane of this.#lanes.values()) waiting += lane.length;
    return { running: this.#inFlight.size, waiting };
  }

  #wait(job: GradingJob): void {
    if (job.mode === 'run') {
      this.#urgent.push(job);
      return;
    }
    const round = Math.max((this.#lastRound.get(job.learnerId) ?? -1) + 1, this.#round);
    this.#lastRound.set(job.learnerId, round);
    const entry = { id: job.submissionId, round, seq: this.#seq++ };
    const lane = this.#lanes.get(job.learnerId);
    if (lane) lane.push(entry);
    else this.#lanes.set(job.learnerId, [entry]);
  }

  /** The next id: an urgent one, else the lane head of the earliest round (then earliest arrival). */
  #next(): string | undefined {
    const urgent = this.#urgent.shift();
    if (urgent) return urgent.submissionId;
    let best: { learner: string; round: number; seq: number } | undefined;
    for (const [learner, lane] of this.#lanes) {
      const head = lane[0]!;
      if (!best || head.round < best.round || (head.round === best.round && head.seq < best.seq)) {
        best = { learner, round: head.round, seq: head.seq };
      }
    }
    if (!best) return undefined;
    const lane = this.#lanes.get(best.learner)!;
    const { id } = lane.shift()!;
    if (lane.length === 0) this.#lanes.delete(best.learner);
    this.#round = best.round;
    if (this.#lastRound.size > 1_000) {
      for (const [learner, round] of this.#lastRound) if (round < this.#round) this.#lastRound.delete(learner);
    }
    return id;
  }

  #pump(): void {
    while (!this.#closed && this.#inFlight.size < this.#concurrency) {
      const id = this.#next();
      if (!id) return;
      const job = this.#run(id).finally(() => {
        this.#inFlight.delete(job);
        this.#pump();
      });
      this.#inFlight.add(job);
    }
  }

  async #run(id: string): Promise<void> {
    const attempt = (this.#attempts.get(id) ?? 0) + 1;
    try {
      await this.#process(id);
    } catch (err) {
      const willRetry = attempt < this.#retry.attempts && !this.#closed;
      this.#onError(err, id, willRetry);
      if (willRetry) {
        this.#attempts.set(id, attempt);
        const timer = setTimeout(
          () => {
            this.#retryTimers.delete(timer);
            const job = this.#known.get(id);
            if (this.#closed || !job) return;
            this.#wait(job);
            this.#pump();
          },
          this.#retry.backoffMs * 2 ** (attempt - 1),
        );
        timer.unref();
        this.#retryTimers.add(timer);
        return;
      }
      // Out of tries: the row stays queued/grading in the database and the periodic sweep brings it back.
      this.#forget(id);
      return;
    }
    this.#forget(id);
    this.#events.emit(`settled:${id}`);
  }

  #forget(id: string): void {
    this.#known.delete(id);
    this.#attempts.delete(id);
  }
}
