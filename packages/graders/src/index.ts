/**
 * The graders package entry: `createGraders()` builds one warm engine per exercise kind behind a
 * single `grade()` call, plus the plain functions other parts call directly (quiz, git, config).
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

export function createGraders(options: GradersOptions = {}): Graders {
  const maxQueue = options.maxQueue ?? 32;
  const sqlWorkers = options.sqlWorkers ?? 1;
  const sql = sqlWorkers > 0 ? createSqlEngine({ workers: sqlWorkers, maxQueue }) : undefined;
  const light: LightEngines = createLightEngines({ workers: 1, maxQueue, redisUrl: options.redisUrl });
  const local = createLocalEngine();
  const sandbox = createSandboxEngines(options.codeWorkers ?? 2, maxQueue);
  // A failure to load the sandbox engines must surface on use, not as an unhandled rejection.
  sandbox.catch(() => {});
  let sandboxPool: SandboxPoolLike | undefined;
  void sandbox.then((s) => {
    sandboxPool = s.pool;
  });

  const engines = new Map<ExerciseKind, AnyEngine>([
    ['local', local as AnyEngine],
    ...light.engines.map((e) => [e.kind, e as AnyEngine] as const),
  ]);

  if (sql) engines.set('sql', sql as AnyEngine);

  async function engineFor(kind: ExerciseKind): Promise<AnyEngine | undefined> {
    const own = engines.get(kind);
    if (own) return own;
    const { engines: quickjs } = await sandbox;
    return quickjs.find((e) => e.kind === kind);
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
      await Promise.all([sql?.ready(), light.ready(), sandbox.then((s) => s.pool.ready()).catch(() => {})]);
    },
    stats() {
      const stats: Record<string, PoolStats> = { light: light.stats() };
      if (sql) stats.sql = sql.stats();
      if (sandboxPool) stats.sandbox = sandboxPool.stats();
      return stats;
    },
    async close() {
      const closing: Promise<unknown>[] = [light.close(), local.close()];
      if (sql) closing.push(sql.close());
      closing.push(
        sandbox.then((s) => Promise.all(s.engines.map((e) => e.close())).then(() => s.pool.close())).catch(() => {}),
      );
      await Promise.all(closing);
    },
  };
}
