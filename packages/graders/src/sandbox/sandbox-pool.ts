/**
 * The worker pool behind the code, tests and http engines: sends a job to a warm QuickJS worker
 * and turns the pool's own failures (watchdog time-out, crash, full queue) into verdicts.
 */
import type { GradeLimits, GradeResult } from '@backpath/contracts';
import { WorkerPool } from '../pool/worker-pool.ts';
import type { SandboxJob } from './run-job.ts';
import { errorResult, limitMessage } from './verdict.ts';

export interface SandboxPoolOptions {
  workers: number;
  maxQueue: number;
  name?: string;
}

/** The watchdog fires only if QuickJS's own deadline did not stop the run. */
export function watchdogMs(limits: GradeLimits): number {
  return Math.ceil(limits.timeMs * 1.1) + 100;
}

export class SandboxPool {
  readonly #pool: WorkerPool<SandboxJob, GradeResult>;

  constructor(options: SandboxPoolOptions) {
    this.#pool = new WorkerPool<SandboxJob, GradeResult>({
      name: options.name ?? 'quickjs',
      workerUrl: new URL('./sandbox.worker.ts', import.meta.url),
      size: options.workers,
      maxQueue: options.maxQueue,
    });
  }

  ready(): Promise<void> {
    return this.#pool.ready();
  }

  async grade(job: SandboxJob): Promise<GradeResult> {
    const start = performance.now();
    const outcome = await this.#pool.run(job, { timeoutMs: watchdogMs(job.limits) });
    if (outcome.ok) return outcome.value;
    switch (outcome.reason) {
      case 'timeout':
        return errorResult('time_limit', limitMessage('time_limit', job.limits), [], start);
      case 'memory':
        return errorResult('memory_limit', limitMessage('memory_limit', job.limits), [], start);
      case 'busy':
        return errorResult('busy', 'The grader is busy right now. Please try again in a few seconds.', [], start);
      default:
        return errorResult('internal', 'The grader failed unexpectedly. Please try again.', [], start);
    }
  }

  stats(): ReturnType<WorkerPool<SandboxJob, GradeResult>['stats']> {
    return this.#pool.stats();
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}
