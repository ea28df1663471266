/** The shape shared by the code, tests and http engines: a job per grading, sent to a QuickJS pool. */
import type { ExerciseOfKind, GradeResult } from '@backpath/contracts';
import type { Engine, GradeOptions } from '../engine.ts';
import type { SandboxJob } from './run-job.ts';
import { SandboxPool } from './sandbox-pool.ts';

export interface SandboxEngineOptions {
  workers: number;
  maxQueue: number;
  /** Share one pool between engines; the engine then does not close it. */
  pool?: SandboxPool;
}

type SandboxKind = SandboxJob['kind'];

export function createSandboxEngine<K extends SandboxKind>(
  kind: K,
  options: SandboxEngineOptions,
  override?: (exercise: ExerciseOfKind<K>, submission: string, grade: GradeOptions) => Promise<GradeResult> | undefined,
): Engine<K> & { pool: SandboxPool } {
  const pool = options.pool ?? new SandboxPool({ workers: options.workers, maxQueue: options.maxQueue, name: kind });
  return {
    kind,
    pool,
    grade(exercise, submission, grade) {
      const special = override?.(exercise, submission, grade);
      if (special) return special;
      const spec = (exercise as Record<string, unknown>)[kind];
      const job = { kind, spec, submission, mode: grade.mode, limits: grade.limits } as SandboxJob;
      return pool.grade(job);
    },
    async close() {
      if (!options.pool) await pool.close();
    },
  };
}
