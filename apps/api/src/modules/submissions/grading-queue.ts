/**
 * Grading runs behind the API: a submission is stored as `queued`, a queue hands its id to a
 * processor (`queued -> grading -> graded | failed`), and listeners hear when it settles. The
 * in-process queue below is the embedded default; a BullMQ queue over Redis implements the same
 * interface when grading moves to separate worker processes (ADR 0xx, docs/decisions).
 */
import { EventEmitter } from 'node:events';

export interface GradingQueue {
  /** Accepts an id of a stored `queued` submission; never waits for the grade. */
  enqueue(submissionId: string): Promise<void>;
  /** Calls `listener` once when the submission settles (graded or failed); returns an unsubscribe. */
  onSettled(submissionId: string, listener: () => void): () => void;
  /** Re-queues the ids of rows a previous process left `queued` or `grading`. */
  recover(pendingIds: string[]): Promise<number>;
  /** Stops taking work and waits for in-flight grades; queued rows stay queued for the next start. */
  close(): Promise<void>;
  stats(): { running: number; waiting: number };
}

export type Processor = (submissionId: string) => Promise<void>;

/** Bounded concurrency so a burst of submissions queues here instead of swamping the engines. */
export class InProcessGradingQueue implements GradingQueue {
  readonly #process: Processor;
  readonly #concurrency: number;
  readonly #waiting: string[] = [];
  readonly #queued = new Set<string>();
  readonly #events = new EventEmitter();
  readonly #inFlight = new Set<Promise<void>>();
  #closed = false;
  readonly #onError: (err: unknown, id: string) => void;

  constructor(opts: { process: Processor; concurrency?: number; onError?: (err: unknown, id: string) => void }) {
    this.#process = opts.process;
    this.#concurrency = opts.concurrency ?? 4;
    this.#onError = opts.onError ?? (() => {});
    // SSE streams each add a listener; many watchers of one busy server are normal.
    this.#events.setMaxListeners(0);
  }

  async enqueue(submissionId: string): Promise<void> {
    if (this.#closed || this.#queued.has(submissionId)) return;
    this.#queued.add(submissionId);
    this.#waiting.push(submissionId);
    this.#pump();
  }

  onSettled(submissionId: string, listener: () => void): () => void {
    const event = `settled:${submissionId}`;
    this.#events.once(event, listener);
    return () => this.#events.off(event, listener);
  }

  async recover(pendingIds: string[]): Promise<number> {
    for (const id of pendingIds) await this.enqueue(id);
    return pendingIds.length;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#waiting.length = 0;
    await Promise.allSettled([...this.#inFlight]);
  }

  stats() {
    return { running: this.#inFlight.size, waiting: this.#waiting.length };
  }

  #pump(): void {
    while (!this.#closed && this.#inFlight.size < this.#concurrency && this.#waiting.length > 0) {
      const id = this.#waiting.shift()!;
      const job = this.#process(id)
        .catch((err) => this.#onError(err, id))
        .finally(() => {
          this.#inFlight.delete(job);
          this.#queued.delete(id);
          this.#events.emit(`settled:${id}`);
          this.#pump();
        });
      this.#inFlight.add(job);
    }
  }
}
