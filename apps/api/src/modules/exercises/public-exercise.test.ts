/**
 * The public exercise view never carries server-only data, checked over every exercise of the
 * real curriculum: no solution, no hidden check (name, args, expectations, extra data), no mutant source.
 */
import { resolve } from 'node:path';
import { loadCurriculum } from '@backpath/curriculum';
import { describe, expect, it } from 'vitest';
import { publicExercise } from './public-exercise.ts';

const { curriculum } = loadCurriculum(resolve(import.meta.dirname, '../../../../../content'));
const exercises = [...curriculum.exercises.values()];

describe('publicExercise over the real curriculum', () => {
  it('has exercises to check', () => {
    expect(exercises.length).toBeGreaterThan(20);
  });

  it.each(exercises.map((e) => [e.id, e] as const))('%s shows no server-only data', (_id, e) => {
    const view = publicExercise(e);
    const json = JSON.stringify(view);
    expect(view).not.toHaveProperty('solution');
    const solution = e.solution.trim();
    // A solution that also appears in what the learner is given (starter, instructions) is not a leak.
    if (solution.length > 15 && !e.starter.includes(solution) && !e.instructions.includes(solution)) {
      expect(json).not.toContain(JSON.stringify(solution).slice(1, -1));
    }
    const spec = (
      e as unknown as Record<string, { checks?: { hidden?: boolean; name: string }[]; mutants?: { source: string }[] }>
    )[e.kind]!;
    if (e.kind !== 'local') {
      for (const check of spec.checks ?? []) {
        if (check.hidden) expect(view.visibleChecks.map((c) => c.name)).not.toContain(check.name);
      }
      expect(view.visibleChecks).toHaveLength((spec.checks ?? []).filter((c) => !c.hidden).length);
    }
    for (const mutant of spec.mutants ?? []) expect(json).not.toContain(JSON.stringify(mutant.source).slice(1, -1));
  });
});
