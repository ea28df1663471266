/**
 * One grading run's QuickJS runtime: memory, stack and time limits, the shared output budget, and
 * fresh realms (contexts) for each check so nothing a check does survives into the next.
 */
import type { GradeLimits } from '@backpath/contracts';
import type { QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten';
import { OutputSink } from './output-sink.ts';
import { Realm } from './realm.ts';

/** Measured: larger stacks crash the WASM build, so never go above this. */
export const MAX_STACK_BYTES = 256 * 1024;

export class SandboxSession {
  readonly output: OutputSink;
  readonly limits: GradeLimits;
  readonly #runtime: QuickJSRuntime;
  readonly #hardDeadline: number;
  #deadline: number;
  #realms = new Set<Realm>();
  /** Set when the WASM heap grew to its limit or cleanup failed: the worker should be replaced. */
  recycle = false;

  constructor(qjs: QuickJSWASMModule, limits: GradeLimits) {
    this.limits = limits;
    this.output = new OutputSink(limits.outputBytes);
    this.#hardDeadline = Date.now() + limits.timeMs;
    this.#deadline = this.#hardDeadline;
    this.#runtime = qjs.newRuntime();
    this.#runtime.setMemoryLimit(limits.memoryBytes);
    this.#runtime.setMaxStackSize(MAX_STACK_BYTES);
    this.#runtime.setInterruptHandler(() => Date.now() > this.#deadline || this.output.runaway);
  }

  /** Narrows the deadline for the next piece of work (never past the run's own limit). */
  setBudget(ms: number): void {
    this.#deadline = Math.min(this.#hardDeadline, Date.now() + Math.max(1, ms));
  }

  get timeLeft(): number {
    return this.#hardDeadline - Date.now();
  }

  get pastDeadline(): boolean {
    return Date.now() > this.#deadline;
  }

  newRealm(): Realm {
    const realm = new Realm(this, this.#runtime, () => this.#realms.delete(realm));
    this.#realms.add(realm);
    return realm;
  }

  dispose(): void {
    this.interruptLeftovers();
    if (this.#runtime.hasPendingJob()) {
      // Freeing a runtime with queued jobs trips a QuickJS assertion that aborts the WASM module;
      // leak it instead and let the pool replace this worker.
      this.recycle = true;
      return;
    }
    for (const realm of [...this.#realms]) realm.dispose();
    try {
      this.#runtime.dispose();
    } catch {
      // A leak assertion means the WASM heap may be in a bad state: start a new worker.
      this.recycle = true;
    }
  }

  /** Jobs a finished check left queued (a fire-and-forget promise chain) run with the clock stopped,
   *  so the interrupt ends them at their next check instead of letting them outlive their realm. */
  interruptLeftovers(): void {
    const saved = this.#deadline;
    this.#deadline = 0;
    for (let i = 0; i < 100 && this.#runtime.hasPendingJob(); i++) {
      const result = this.#runtime.executePendingJobs(1_000);
      if (result.error) result.error.dispose();
    }
    this.#deadline = saved;
  }
}
