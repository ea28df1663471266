import { DEFAULT_LIMITS } from '@backpath/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { sumExercise } from '../../sandbox/test-exercises.ts';
import { createCodeEngine } from './index.ts';

const engine = createCodeEngine({ workers: 1, maxQueue: 10 });
const options = { mode: 'submit' as const, limits: DEFAULT_LIMITS };

afterAll(() => engine.close());

describe('code engine', () => {
  it('grades JavaScript in a worker and returns the verdict', async () => {
    const result = await engine.grade(sumExercise, 'const sum = (a, b) => a + b;', options);
    expect(result).toMatchObject({ version: 1, status: 'pass', message: 'All 2 checks passed.' });
  });

  it('grades Python in a child process with the same verdict shape', async () => {
    const python = { ...sumExercise, code: { ...sumExercise.code, language: 'python' as const } };
    const passed = await engine.grade(python, 'def sum(a, b):\n    return a + b', options);
    expect(passed).toMatchObject({ version: 1, status: 'pass', message: 'All 2 checks passed.' });
    const failed = await engine.grade(python, 'def sum(a, b):\n    return a - b', options);
    expect(failed.status).toBe('fail');
  });
});
