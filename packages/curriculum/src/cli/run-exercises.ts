/**
 * Runs every exercise's reference solution and starter, and every runnable lesson sample, through
 * the real engines of `@backpath/graders`, adding a problem for each one that misbehaves.
 */
import { DEFAULT_LIMITS, type GradeResult } from '@backpath/contracts';
import type { Curriculum, LoadedExercise } from '../model.ts';
import type { ProblemList } from '../problems.ts';
import { extractRunnableSnippets } from '../snippets.ts';

interface Options {
  /** Only exercises whose id contains this text (for authors iterating on one exercise). */
  only?: string | undefined;
}

/** Correctness, not speed, is checked here: a loaded CI machine must not turn a slow pass into a fail. */
const LIMITS = { ...DEFAULT_LIMITS, timeMs: 30_000 };

export async function runExerciseChecks(c: Curriculum, problems: ProblemList, opts: Options): Promise<void> {
  const graders = await import('@backpath/graders');
  const engines = graders.createGraders();
  try {
    await engines.ready();
    const exercises = [...c.exercises.values()].filter((e) => !opts.only || e.id.includes(opts.only));
    await inBatches(exercises, 4, async (ex) => {
      const solution = await engines.grade(ex, ex.solution, { mode: 'submit', limits: LIMITS });
      if (solution.status !== 'pass')
        problems.add(ex.file, 1, `the reference solution does not pass: ${describe(solution)}`);
      const starter = await engines.grade(ex, ex.starter, { mode: 'submit', limits: LIMITS });
      if (starter.status === 'pass') problems.add(ex.file, 1, 'the starter code already passes every check');
      if (starter.errorCode === 'internal' || starter.errorCode === 'busy') {
        problems.add(ex.file, 1, `the starter could not be graded: ${starter.message}`);
      }
    });
    for (const topic of c.topics.values()) {
      if (opts.only && !topic.id.includes(opts.only)) continue;
      for (const snippet of extractRunnableSnippets(topic.body)) {
        const run = await graders.runSnippet(snippet.code, snippet.language);
        if (!run.ok)
          problems.add(topic.file, topic.bodyLine + snippet.line - 1, `runnable sample failed: ${run.message}`);
      }
    }
  } finally {
    await engines.close();
  }
}

function describe(r: GradeResult): string {
  const failed = r.tests.filter((t) => t.status !== 'pass').map((t) => `${t.name}: ${t.message ?? t.status}`);
  return [r.message, ...failed].filter(Boolean).join('; ').slice(0, 600);
}

async function inBatches(items: LoadedExercise[], size: number, fn: (e: LoadedExercise) => Promise<void>) {
  let next = 0;
  const workers = Array.from({ length: size }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(workers);
}
