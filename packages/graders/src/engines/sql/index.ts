/**
 * The `sql` engine: PostgreSQL semantics through PGlite in warm worker threads. The watchdog, not
 * `statement_timeout` (which PGlite ignores), enforces the time limit.
 */
import { createHash } from 'node:crypto';
import type { ExerciseOfKind, GradeResult } from '@backpath/contracts';
import type { Engine, GradeOptions } from '../../engine.ts';
import { poolFailure } from '../../pool/pool-failure.ts';
import { type PoolStats, WorkerPool } from '../../pool/worker-pool.ts';
import { checksFor, finish, type Verdict } from '../../results.ts';
import type { SqlJob } from './job.ts';

export interface PooledEngine<K extends 'sql' | 'redis' | 'document' | 'config'> extends Engine<K> {
  ready(): Promise<void>;
  stats(): PoolStats;
}

const hash = (...parts: (string | undefined)[]) =>
  createHash('sha256')
    .update(parts.map((p) => p ?? '').join('\u0000'))
    .digest('hex')
    .slice(0, 20);

export function toSqlJob(exercise: ExerciseOfKind<'sql'>, submission: string, options: GradeOptions): SqlJob {
  const spec = exercise.sql;
  const checks = checksFor(spec.checks, options.mode).map((c) => ({
    name: c.name,
    hidden: c.hidden ?? false,
    extraSetup: c.extraSetup,
    probe: c.probe,
  }));
  return {
    setupKey: hash(spec.setup),
    setup: spec.setup,
    solutionKey: hash(spec.setup, exercise.solution, spec.mode, ...checks.flatMap((c) => [c.extraSetup, c.probe])),
    solution: exercise.solution,
    mode: spec.mode,
    ordered: spec.ordered ?? false,
    columnNames: spec.columnNames ?? true,
    tolerance: spec.tolerance ?? 0,
    checks,
    submission,
    outputBytes: options.limits.outputBytes,
  };
}

const PREPARE_MS = 30_000;

/** How many recently graded exercises a replacement worker seeds while it boots. */
const WARM_EXERCISES = 4;

export function createSqlEngine(opts: { workers: number; maxQueue: number }): PooledEngine<'sql'> {
  // Read by each worker the pool starts (workerData is copied at spawn): a replacement seeds these
  // exercises and their reference results during its boot, not during the next learner's grading.
  const warm: { warm: SqlJob[] } = { warm: [] };
  const remember = (job: SqlJob) => {
    const at = warm.warm.findIndex((j) => j.solutionKey === job.solutionKey);
    if (at === warm.warm.length - 1 && at !== -1) return;
    if (at !== -1) warm.warm.splice(at, 1);
    warm.warm.push({ ...job, submission: '' });
    if (warm.warm.length > WARM_EXERCISES) warm.warm.shift();
  };
  const pool = new WorkerPool<SqlJob, Verdict>({
    name: 'sql',
    workerUrl: new URL('./sql-worker.ts', import.meta.url),
    size: opts.workers,
    maxQueue: opts.maxQueue,
    workerData: warm,
  });
  return {
    kind: 'sql',
    ready: () => pool.ready(),
    stats: () => pool.stats(),
    close: () => pool.close(),
    async grade(exercise, submission, options): Promise<GradeResult> {
      const startedAt = performance.now();
      const job = toSqlJob(exercise, submission, options);
      remember(job);
      // Seeding and reference runs happen once per exercise per worker and are not the learner's time.
      const out = await pool.run(job, { timeoutMs: options.limits.timeMs, prepareMs: PREPARE_MS });
      if (out.ok) return finish(out.value, startedAt);
      return finish(poolFailure(out.reason, out.message, options.limits.timeMs), startedAt);
    },
  };
}
