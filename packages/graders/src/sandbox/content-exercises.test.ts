import { globSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIMITS } from '@backpath/contracts';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadQuickJS } from './quickjs.ts';
import { runJob, type SandboxJob } from './run-job.ts';

// Every sandboxed exercise in the curriculum: its solution must pass and its starter must not.
const contentRoot = fileURLToPath(new URL('../../../../content/', import.meta.url));
const exercises = globSync('stages/*/exercises/*.yaml', { cwd: contentRoot })
  .map(
    (file) =>
      parse(readFileSync(`${contentRoot}${file}`, 'utf8')) as Record<string, unknown> & { id: string; kind: string },
  )
  .filter((e) => ['code', 'tests', 'http'].includes(e.kind))
  .filter((e) => (e[e.kind] as { language: string }).language !== 'python');

async function grade(exercise: (typeof exercises)[number], which: 'solution' | 'starter') {
  const qjs = await loadQuickJS();
  const job = {
    kind: exercise.kind,
    spec: exercise[exercise.kind],
    submission: String(exercise[which]),
    mode: 'submit',
    limits: DEFAULT_LIMITS,
  } as SandboxJob;
  return runJob(qjs, job).value;
}

describe('curriculum exercises graded in the sandbox', () => {
  it('finds sandboxed exercises in content/', () => {
    expect(exercises.length).toBeGreaterThan(0);
  });

  it.each(exercises.map((e) => [e.id, e] as const))(
    '%s: the solution passes and the starter does not',
    async (_id, exercise) => {
      const solved = await grade(exercise, 'solution');
      expect(solved.status, JSON.stringify(solved.tests.filter((t) => t.status !== 'pass'))).toBe('pass');
      expect((await grade(exercise, 'starter')).status).not.toBe('pass');
    },
  );
});
