/**
 * The graders package entry: `createGraders()` puts one engine per exercise kind (started on first
 * use, kept warm after) behind a single `grade()` call, plus the plain functions other parts call directly (quiz, git, config).
 */
import { DEFAULT_LIMITS, type Exercise, type ExerciseKind, type GradeResult } from '@backpath/contracts';
import type { Engine, GradeOptions } from './engine.ts';
import { createLightEngines, type LightEngines } from './engines/light/index.ts';
import { createLocalEngine } from './engines/local/index.ts';
import { createSqlEngine } from './engines/sql/index.ts';
import type { PoolStats } from './pool/worker-pool.ts';
import { errorVerdict, finish } from './results.ts';

export { DEFAULT_LIMITS } from '@backpath/contracts';
export type { Engine, GradeMode, GradeOptions } from './engine.ts';
export { checkConfig } from './engines/config/check-config.ts';
export { prepareRepository } from './engines/local/prepare.ts';
export { verifyGitRepository } from './engines/local/verify.ts';
export type { PoolOutcome, PoolStats } from './pool/worker-pool.ts';
export { gradeQuiz, QuizAnswerError } from './quiz/grade-quiz.ts';

type RunSnippet = typeof import('./engines/code/run-snippet.ts').runSnippet;

/** Runs a lesson's sample in the code sandbox (loaded on first use). */
export async function runSnippet(...args: Parameters<RunSnippet>): ReturnType<RunSnippet> {
  const code = await import('./engines/code/index.ts');
  return code.runSnippet(...args);
}

/** Submissions larger than this are refused before any engine sees them. */
export const MAX_SUBMISSION_BYTES = 64 * 1024;

export interface GradersOptions {
  /** 0 turns the sql engine off (no PGlite boots), e.g. in processes that never grade SQL. */
  sqlWorkers?: number;
  codeWorkers?: number;
  maxQueue?: number;
  redisUrl?: string;
}

export interface Graders {
  grade(exercise: Exercise, submission: string, options?: Partial<GradeOptions>): Promise<GradeResult>;
  ready(): Promise<void>;
  stats(): Record<string, PoolStats>;
  close(): Promise<void>;
}

interface SandboxPoolLike {
  ready(): Promise<void>;
  stats(): PoolStats;
  close(): Promise<void>;
}

type AnyEngine = Engine<ExerciseKind>;

/** The QuickJS engines (code, tests, http) share one pool; loaded lazily so this package works without them. */
async function createSandboxEngines(workers: number, maxQueue: number) {
  const [{ SandboxPool, createCodeEngine }, { createTestsEngine }, { createHttpEngine }] = await Promise.all([
    import('./engines/code/index.ts'),
    import('./engines/tests/index.ts'),
    import('./engines/http/index.ts'),
  ]);
  const pool = new SandboxPool({ workers, maxQueue, name: 'sandbox' });
  const opts = { workers, maxQueue, pool };
  const engines = [createCodeEngine(opts), createTestsEngine(opts), createHttpEngine(opts)] as AnyEngine[];
  return { pool: pool as SandboxPoolLike, engines };
}

/** One value built on first use (and never if it is never asked for). */
function onDemand<T>(make: () => T): { get(): T; peek(): T | undefined } {
  let made = false;
  let value: T | undefined;
  return {
    get() {
      if (!made) {
        value = make();
        made = true;
      }
      return value as T;
    },
    peek: () => value,
  };
}

const LIGHT_KINDS: ReadonlySet<ExerciseKind> = new Set<ExerciseKind>(['redis', 'document', 'config']);
const SANDBOX_KINDS: ReadonlySet<ExerciseKind> = new Set<ExerciseKind>(['code', 'tests', 'http']);

/**
 * Builds the engines behind one `grade()`. Nothing starts here: each engine's workers (a PGlite per SQL
 * worker, QuickJS realms, the light worker) boot on the first grading of its kind, or all at once on
 * `ready()`. A process that never grades (an API process beside a grading worker) pays nothing.
 */
export function createGraders(options: GradersOptions = {}): Graders {
  const maxQueue = options.maxQueue ?? 32;
  const sqlWorkers = options.sqlWorkers ?? 1;
  const sql = onDemand(() => (sqlWorkers > 0 ? createSqlEngine({ workers: sqlWorkers, maxQueue }) : undefined));
  const light = onDemand((): LightEngines => createLightEngines({ workers: 1, maxQueue, redisUrl: options.redisUrl }));
  const local = onDemand(() => createLocalEngine());
  let sandboxPool: SandboxPoolLike | undefined;
  const sandbox = onDemand(() => {
    const loading = createSandboxEngines(options.codeWorkers ?? 2, maxQueue);
    // A failure to load the sandbox engines must surface on use, not as an unhandled rejection.
    loading.catch(() => {});
    void loading.then((s) => {
      sandboxPool = s.pool;
    });
    return loading;
  });

  let closed = false;

  async function engineFor(kind: ExerciseKind): Promise<AnyEngine | undefined> {
    if (closed) throw new Error('the graders are shutting down');
    if (kind === 'local') return local.get() as AnyEngine;
    if (kind === 'sql') return sql.get() as AnyEngine | undefined;
    if (LIGHT_KINDS.has(kind)) return light.get().engines.find((e) => e.kind === kind) as AnyEngine | undefined;
    if (SANDBOX_KINDS.has(kind)) return (await sandbox.get()).engines.find((e) => e.kind === kind);
    return undefined;
  }

  return {
    async grade(exercise, submission, gradeOptions = {}) {
      const startedAt = performance.now();
      const opts: GradeOptions = {
        mode: gradeOptions.mode ?? 'submit',
        limits: { ...DEFAULT_LIMITS, ...gradeOptions.limits },
      };
      if (Buffer.byteLength(submission) > MAX_SUBMISSION_BYTES) {
        return finish(
          errorVerdict(
            'invalid_submission',
            `Your submission is larger than ${MAX_SUBMISSION_BYTES / 1024} KB. Shorten it and try again.`,
          ),
          startedAt,
        );
      }
      try {
        const engine = await engineFor(exercise.kind);
        if (!engine)
          return finish(errorVerdict('internal', `No grader for exercises of kind "${exercise.kind}".`), startedAt);
        return await engine.grade(exercise as never, submission, opts);
      } catch (err) {
        return finish(errorVerdict('internal', `The grader failed: ${(err as Error).message}`), startedAt);
      }
    },
    async ready() {
      await Promise.all([
        sql.get()?.ready(),
        light.get().ready(),
        sandbox
          .get()
          .then((s) => s.pool.ready())
          .catch(() => {}),
      ]);
    },
    stats() {
      const stats: Record<string, PoolStats> = {};
      const lightNow = light.peek();
      const sqlNow = sql.peek();
      if (lightNow) stats.light = lightNow.stats();
      if (sqlNow) stats.sql = sqlNow.stats();
      if (sandboxPool) stats.sandbox = sandboxPool.stats();
      return stats;
    },
    async close() {
      closed = true;
      const closing: Promise<unknown>[] = [];
      const lightNow = light.peek();
      if (lightNow) closing.push(lightNow.close());
      const localNow = local.peek();
      if (localNow) closing.push(localNow.close());
      const sqlNow = sql.peek();
      if (sqlNow) closing.push(sqlNow.close());
      const sandboxNow = sandbox.peek();
      if (sandboxNow)
        closing.push(
          sandboxNow
            .then((s) => Promise.all(s.engines.map((e) => e.close())).then(() => s.pool.close()))
            .catch(() => {}),
        );
      await Promise.all(closing);
    },
  };
}
