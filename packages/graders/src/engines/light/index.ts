/**
 * The redis, document and config engines share one small worker pool: their work is short, but a
 * pathological regex or pipeline must still be stoppable without blocking the server.
 */
import type { ExerciseOfKind, GradeResult } from '@backpath/contracts';
import type { Engine } from '../../engine.ts';
import { poolFailure } from '../../pool/pool-failure.ts';
import { type PoolStats, WorkerPool } from '../../pool/worker-pool.ts';
import { finish, type Verdict } from '../../results.ts';
import type { LightJob, LightKind } from './light-job.ts';

export interface LightEngines {
  engines: Engine<LightKind>[];
  ready(): Promise<void>;
  stats(): PoolStats;
  close(): Promise<void>;
}

export function createLightEngines(opts: { workers: number; maxQueue: number; redisUrl?: string }): LightEngines {
  const pool = new WorkerPool<LightJob, Verdict>({
    name: 'light',
    workerUrl: new URL('./light-worker.ts', import.meta.url),
    size: opts.workers,
    maxQueue: opts.maxQueue,
    resourceLimits: { maxOldGenerationSizeMb: 256 },
  });
  const engine = <K extends LightKind>(kind: K): Engine<K> => ({
    kind,
    async grade(exercise: ExerciseOfKind<K>, submission, options): Promise<GradeResult> {
      const startedAt = performance.now();
      const job = { exercise, submission, mode: options.mode, outputBytes: options.limits.outputBytes } as LightJob;
      const out = await pool.run(job, { timeoutMs: options.limits.timeMs });
      return finish(out.ok ? out.value : poolFailure(out.reason, out.message, options.limits.timeMs), startedAt);
    },
    close: async () => {},
  });
  return {
    engines: [engine('redis'), engine('document'), engine('config')] as Engine<LightKind>[],
    ready: () => pool.ready(),
    stats: () => pool.stats(),
    close: () => pool.close(),
  };
}
