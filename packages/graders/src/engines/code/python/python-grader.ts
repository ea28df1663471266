/**
 * Python `code` exercises, graded by Pyodide 314 in separate, locked-down child processes (layers in
 * ADR 005 and the package README). A child serves exactly one grading and is then killed, so nothing
 * a submission does survives into the next one; a warm spare, started as soon as one is taken, hides
 * the ~3.5 s Pyodide boot. Created lazily by the code engine: nothing starts until a Python exercise
 * is graded.
 */
import type { ExerciseOfKind, GradeResult } from '@backpath/contracts';
import type { GradeOptions } from '../../../engine.ts';
import { errorResult } from '../../../sandbox/verdict.ts';
import { gradePython } from './grade-python.ts';
import { type Isolation, probeIsolation } from './isolation.ts';
import { PythonProcess } from './python-process.ts';

export interface PythonGraderOptions {
  /** Gradings that may run at once (each in its own child). Default 1. */
  processes?: number;
  /** Warm children kept ready beside the running ones. Default 1. */
  spares?: number;
  /** Gradings that may wait before `busy` is answered. Default 32. */
  maxQueue?: number;
  /** `node-only` skips the network namespace (tests use it to check layer 2 on its own). */
  isolation?: 'auto' | 'node-only';
  log?: (line: string) => void;
}

export interface PythonGraderStats {
  started: number;
  completed: number;
  running: number;
  queued: number;
  isolation: Isolation['mode'] | 'unknown';
}

export interface PythonGrader {
  grade(spec: ExerciseOfKind<'code'>['code'], submission: string, options: GradeOptions): Promise<GradeResult>;
  stats(): PythonGraderStats;
  /** Starts the warm spare (and the namespace probe) ahead of the first grading. */
  warm(): Promise<void>;
  close(): Promise<void>;
}

export const PYTHON_UNAVAILABLE =
  'Python grading is unavailable on this server for now. JavaScript and TypeScript exercises are graded as usual.';

/** Consecutive children that died before `ready` after which gradings fail fast instead of looping. */
const MAX_BOOT_FAILURES = 3;

export function createPythonGrader(options: PythonGraderOptions = {}): PythonGrader {
  const processes = Math.max(1, options.processes ?? 1);
  const spares = Math.max(0, options.spares ?? 1);
  const maxQueue = options.maxQueue ?? 32;
  const log = options.log ?? ((line: string) => console.warn(line));
  const idle: PythonProcess[] = [];
  const waiting: (() => void)[] = [];
  let isolation: Isolation | undefined;
  let running = 0;
  let started = 0;
  let completed = 0;
  let bootFailures = 0;
  let closed = false;

  const setup = (async () => {
    const probed: Isolation =
      options.isolation === 'node-only'
        ? { mode: 'none', prefix: [], reason: 'disabled by the caller' }
        : await probeIsolation();
    if (probed.mode === 'none') {
      log(
        `[graders] Python: no network namespace (${probed.reason}); children run with the Node permission model and a locked-down realm only.`,
      );
    }
    isolation = probed;
  })();

  function spawnChild(): PythonProcess {
    const child = new PythonProcess(isolation!);
    started++;
    child.ready.then(
      () => {
        bootFailures = 0;
      },
      (error: unknown) => {
        if (closed) return;
        bootFailures++;
        log(`[graders] Python child failed to start: ${String(error).slice(0, 300)}`);
        const index = idle.indexOf(child);
        if (index >= 0) idle.splice(index, 1);
        if (bootFailures < MAX_BOOT_FAILURES) refill();
      },
    );
    return child;
  }

  function refill(): void {
    while (!closed && idle.length < spares && bootFailures < MAX_BOOT_FAILURES) idle.push(spawnChild());
  }

  async function take(): Promise<PythonProcess> {
    if (running >= processes) await new Promise<void>((resolve) => waiting.push(resolve));
    if (closed) throw new Error('the Python grader is closed');
    running++;
    const child = idle.shift() ?? spawnChild();
    refill();
    return child;
  }

  function release(): void {
    running--;
    completed++;
    waiting.shift()?.();
  }

  return {
    async grade(spec, submission, grade) {
      const start = performance.now();
      if (closed) return errorResult('internal', PYTHON_UNAVAILABLE, [], start);
      if (waiting.length >= maxQueue) {
        return errorResult('busy', 'The Python grader is busy. Please try again in a moment.', [], start);
      }
      await setup;
      const child = await take();
      try {
        return await gradePython(child, spec, submission, grade.mode, grade.limits);
      } catch (error) {
        child.kill('closed');
        log(`[graders] Python grading failed: ${String(error).slice(0, 300)}`);
        return errorResult('internal', PYTHON_UNAVAILABLE, [], start);
      } finally {
        release();
      }
    },
    stats() {
      return { started, completed, running, queued: waiting.length, isolation: isolation?.mode ?? 'unknown' };
    },
    async warm() {
      await setup;
      refill();
      await Promise.all(idle.map((child) => child.ready.catch(() => undefined)));
    },
    async close() {
      closed = true;
      for (const resolve of waiting.splice(0)) resolve();
      const children = idle.splice(0);
      for (const child of children) child.kill('closed');
      await Promise.all(children.map((child) => child.ended));
    },
  };
}
