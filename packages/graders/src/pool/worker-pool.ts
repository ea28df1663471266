/**
 * A pool of warm worker threads with a watchdog: jobs run off the event loop, a job that overruns its
 * time limit gets its worker terminated and replaced, and warm spares make that replacement free for
 * the next job. Engines whose code cannot be interrupted (PGlite, QuickJS) rely on this.
 */
import { type ResourceLimits, Worker } from 'node:worker_threads';

export interface PoolOptions {
  name: string;
  workerUrl: URL;
  /** How many jobs may run at once. */
  size: number;
  /** How many jobs may wait for a worker before `run` answers `busy`. */
  maxQueue: number;
  workerData?: unknown;
  resourceLimits?: ResourceLimits;
  /** Extra warm workers kept beside `size` so a terminated worker is replaced at once (default 1). */
  spares?: number;
}

export type PoolOutcome<R> =
  | { ok: true; value: R }
  | { ok: false; reason: 'timeout' | 'crashed' | 'busy' | 'memory'; message: string };

export interface PoolStats {
  size: number;
  idle: number;
  busy: number;
  queued: number;
  restarts: number;
  completed: number;
}

/** `prepareMs`: extra time before the worker signals `started` (seeding, reference runs), so the
 *  learner's time limit covers only the learner's own work. */
export interface RunOptions {
  timeoutMs: number;
  prepareMs?: number;
}

interface Job<Req, Res> {
  id: number;
  request: Req;
  timeoutMs: number;
  prepareMs: number;
  resolve: (outcome: PoolOutcome<Res>) => void;
}

interface Slot<Req, Res> {
  worker: Worker;
  state: 'starting' | 'idle' | 'busy' | 'dead';
  job?: Job<Req, Res>;
  timer?: NodeJS.Timeout;
  /** When this worker last finished a job (0: never); dispatch prefers the most recent. */
  lastDone: number;
}

type WorkerReply<Res> =
  | { type: 'ready' }
  | { type: 'started'; id: number; at?: number }
  | { id: number; value: Res; recycle?: boolean }
  | { id: number; error: string; recycle?: boolean };

/** Consecutive start-up failures after which queued jobs are failed instead of waiting forever. */
const MAX_START_FAILURES = 5;

export class WorkerPool<Req, Res> {
  readonly #opts: PoolOptions;
  readonly #slots = new Set<Slot<Req, Res>>();
  readonly #queue: Job<Req, Res>[] = [];
  readonly #readyWaiters: (() => void)[] = [];
  #nextId = 1;
  #restarts = 0;
  #completed = 0;
  #startFailures = 0;
  #closed = false;

  constructor(opts: PoolOptions) {
    if (opts.size < 1) throw new Error(`pool ${opts.name}: size must be at least 1`);
    this.#opts = opts;
    this.#fill();
  }

  /** Resolves when `size` workers are warm. */
  ready(): Promise<void> {
    if (this.#warmCount() >= this.#opts.size || this.#closed) return Promise.resolve();
    return new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  run(request: Req, opts: RunOptions): Promise<PoolOutcome<Res>> {
    if (this.#closed) return Promise.resolve({ ok: false, reason: 'crashed', message: 'The grader is shutting down.' });
    return new Promise((resolve) => {
      const job: Job<Req, Res> = {
        id: this.#nextId++,
        request,
        timeoutMs: opts.timeoutMs,
        prepareMs: opts.prepareMs ?? 0,
        resolve,
      };
      if (this.#queue.length >= this.#opts.maxQueue && !this.#hasFreeCapacity()) {
        resolve({ ok: false, reason: 'busy', message: 'The grader is busy right now. Please retry in a moment.' });
        return;
      }
      this.#queue.push(job);
      this.#dispatch();
    });
  }

  stats(): PoolStats {
    let idle = 0;
    let busy = 0;
    for (const slot of this.#slots) {
      if (slot.state === 'idle') idle++;
      if (slot.state === 'busy') busy++;
    }
    return {
      size: this.#opts.size,
      idle,
      busy,
      queued: this.#queue.length,
      restarts: this.#restarts,
      completed: this.#completed,
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) {
      job.resolve({ ok: false, reason: 'crashed', message: 'The grader is shutting down.' });
    }
    for (const resolve of this.#readyWaiters.splice(0)) resolve();
    const slots = [...this.#slots];
    this.#slots.clear();
    await Promise.all(
      slots.map(async (slot) => {
        clearTimeout(slot.timer);
        slot.job?.resolve({ ok: false, reason: 'crashed', message: 'The grader is shutting down.' });
        slot.state = 'dead';
        await slot.worker.terminate();
      }),
    );
  }

  #target(): number {
    return this.#opts.size + (this.#opts.spares ?? 1);
  }

  #warmCount(): number {
    let n = 0;
    for (const slot of this.#slots) if (slot.state === 'idle' || slot.state === 'busy') n++;
    return n;
  }

  #busyCount(): number {
    let n = 0;
    for (const slot of this.#slots) if (slot.state === 'busy') n++;
    return n;
  }

  #hasFreeCapacity(): boolean {
    return this.#busyCount() + this.#queue.length < this.#opts.size;
  }

  #fill(): void {
    while (!this.#closed && this.#slots.size < this.#target()) this.#spawn();
  }

  #spawn(): void {
    const worker = new Worker(this.#opts.workerUrl, {
      workerData: this.#opts.workerData,
      resourceLimits: this.#opts.resourceLimits,
      name: `${this.#opts.name}-worker`,
    });
    const slot: Slot<Req, Res> = { worker, state: 'starting', lastDone: 0 };
    this.#slots.add(slot);
    worker.on('message', (msg: WorkerReply<Res>) => this.#onMessage(slot, msg));
    worker.on('error', (err: Error & { code?: string }) => {
      const memory = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.#retire(slot, memory ? 'memory' : 'crashed', err.message);
    });
    worker.on('exit', (code) => this.#retire(slot, 'crashed', `The grader stopped unexpectedly (exit ${code}).`));
  }

  #onMessage(slot: Slot<Req, Res>, msg: WorkerReply<Res>): void {
    if (slot.state === 'dead') return;
    if ('type' in msg && msg.type === 'started') {
      const job = slot.job;
      if (!job || job.id !== msg.id || job.prepareMs === 0) return;
      clearTimeout(slot.timer);
      // The deadline counts from when the worker began the learner's part, so a late delivery of
      // this message (a busy event loop, a loaded machine) does not lengthen the limit.
      const now = performance.timeOrigin + performance.now();
      const began = typeof msg.at === 'number' && msg.at <= now ? msg.at : now;
      slot.timer = setTimeout(() => this.#onTimeout(slot, job), Math.max(0, began + job.timeoutMs - now));
      return;
    }
    if ('type' in msg) {
      if (msg.type !== 'ready' || slot.state !== 'starting') return;
      slot.state = 'idle';
      this.#startFailures = 0;
      if (this.#warmCount() >= this.#opts.size) for (const resolve of this.#readyWaiters.splice(0)) resolve();
      this.#dispatch();
      return;
    }
    const job = slot.job;
    if (!job || job.id !== msg.id) return;
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.lastDone = performance.now();
    this.#completed++;
    if ('error' in msg) job.resolve({ ok: false, reason: 'crashed', message: msg.error });
    else job.resolve({ ok: true, value: msg.value });
    if (msg.recycle) {
      this.#replace(slot);
    } else {
      slot.state = 'idle';
    }
    this.#dispatch();
  }

  /** A worker died or errored: fail its job, count a restart, start a replacement. */
  #retire(slot: Slot<Req, Res>, reason: 'crashed' | 'memory', message: string): void {
    if (slot.state === 'dead') return;
    const wasStarting = slot.state === 'starting';
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    if (job) {
      const text = reason === 'memory' ? 'The submission used more memory than allowed.' : message;
      job.resolve({ ok: false, reason, message: text });
    }
    if (wasStarting) this.#startFailures++;
    this.#replace(slot);
    if (this.#startFailures >= MAX_START_FAILURES) {
      for (const queued of this.#queue.splice(0)) {
        queued.resolve({
          ok: false,
          reason: 'crashed',
          message: `The ${this.#opts.name} grader cannot start: ${message}`,
        });
      }
      for (const resolve of this.#readyWaiters.splice(0)) resolve();
      return;
    }
    this.#dispatch();
  }

  #replace(slot: Slot<Req, Res>): void {
    slot.state = 'dead';
    this.#slots.delete(slot);
    // Terminate at once (no grace period; nothing waits for the thread to exit). Starting the
    // replacement (`new Worker` costs the event loop milliseconds, its boot costs CPU) waits for
    // the next turn, so the answer already resolved for the job is delivered first.
    void slot.worker.terminate();
    if (this.#closed) return;
    this.#restarts++;
    setImmediate(() => {
      if (this.#startFailures < MAX_START_FAILURES) this.#fill();
    });
  }

  #dispatch(): void {
    while (this.#queue.length > 0 && this.#busyCount() < this.#opts.size) {
      // The most recently used idle worker: its caches (e.g. a seeded exercise) are the warmest.
      let slot: Slot<Req, Res> | undefined;
      for (const s of this.#slots) if (s.state === 'idle' && (!slot || s.lastDone > slot.lastDone)) slot = s;
      if (!slot) return;
      const job = this.#queue.shift() as Job<Req, Res>;
      slot.state = 'busy';
      slot.job = job;
      slot.timer = setTimeout(() => this.#onTimeout(slot, job), job.prepareMs + job.timeoutMs);
      slot.worker.postMessage({ id: job.id, request: job.request });
    }
  }

  #onTimeout(slot: Slot<Req, Res>, job: Job<Req, Res>): void {
    if (slot.job !== job) return;
    slot.job = undefined;
    job.resolve({ ok: false, reason: 'timeout', message: `Stopped after ${job.timeoutMs} ms (time limit).` });
    this.#replace(slot);
    this.#dispatch();
  }
}
