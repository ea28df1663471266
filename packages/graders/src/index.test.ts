import { DEFAULT_LIMITS, type ExerciseOfKind } from '@backpath/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraders, type Graders, MAX_SUBMISSION_BYTES } from './index.ts';
import { exercise } from './test-support.ts';

const config = exercise('config', 'FROM node:22.12-alpine\nUSER node\n', {
  format: 'dockerfile',
  checks: [{ name: 'non-root', rule: 'dockerfile-non-root' }],
});
const code: ExerciseOfKind<'code'> = {
  id: 'sum',
  topic: 'practice',
  title: 'Sum an array',
  kind: 'code',
  difficulty: 'beginner',
  instructions: 'Return the sum of the numbers in the array.',
  starter: '',
  solution: 'function sum(xs) { return xs.reduce((a, b) => a + b, 0); }',
  hints: ['reduce'],
  code: { language: 'javascript', entry: 'sum', checks: [{ name: 'adds', args: [[1, 2, 3]], expected: 6 }] },
};

let graders: Graders;
beforeAll(async () => {
  graders = createGraders({ sqlWorkers: 0, codeWorkers: 1, maxQueue: 1 });
  await graders.ready();
});
afterAll(() => graders.close());

describe('createGraders', () => {
  it('refuses submissions over 64 KB before any engine runs', async () => {
    const result = await graders.grade(config, 'x'.repeat(MAX_SUBMISSION_BYTES + 1));
    expect(result).toMatchObject({ status: 'error', errorCode: 'invalid_submission' });
  });

  it('delegates code exercises to the sandbox engines', async () => {
    expect((await graders.grade(code, code.solution)).status).toBe('pass');
    expect((await graders.grade(code, 'function sum() { return 0; }')).status).toBe('fail');
  });

  it('answers busy past the bounded queue and reports pool stats', async () => {
    // A catastrophic-backtracking regex keeps the one light worker busy until the watchdog fires.
    const slow = exercise('document', '{"collection": "c", "filter": {}}', {
      collections: { c: [{ s: `${'a'.repeat(32)}!` }] },
      checks: [{ name: 'all' }],
    });
    const evil = '{"collection": "c", "filter": {"s": {"$regex": "^(a+)+$"}}}';
    const limits = { ...DEFAULT_LIMITS, timeMs: 1_000 };
    const results = await Promise.all([1, 2, 3].map(() => graders.grade(slow, evil, { limits })));
    expect(results.map((r) => r.errorCode)).toContain('busy');
    expect(results.map((r) => r.errorCode)).toContain('time_limit');
    expect(graders.stats().light?.restarts).toBeGreaterThanOrEqual(1);
    expect((await graders.grade(config, config.solution)).status).toBe('pass');
  });
});

describe('createGraders on demand', () => {
  it('starts no engine until it grades, then only the engine of that kind', async () => {
    const lazy = createGraders({ codeWorkers: 1 });
    try {
      expect(lazy.stats()).toEqual({});
      expect((await lazy.grade(config, config.solution)).status).toBe('pass');
      const stats = lazy.stats();
      expect(Object.keys(stats)).toEqual(['light']);
      expect(stats.light?.completed).toBe(1);
      // A wrong answer from a beginner (running as root) is graded by the same warm worker.
      expect((await lazy.grade(config, 'FROM node:22.12-alpine\n')).status).toBe('fail');
      expect(lazy.stats().light?.restarts).toBe(0);
      expect(Object.keys(lazy.stats()).sort()).toEqual(['light']);
    } finally {
      await lazy.close();
    }
  });

  it('boots every engine on ready(), and refuses to grade once closed', async () => {
    const all = createGraders({ codeWorkers: 1 });
    await all.ready();
    expect(Object.keys(all.stats()).sort()).toEqual(['light', 'sandbox', 'sql']);
    await all.close();
    const late = await all.grade(config, config.solution);
    expect(late).toMatchObject({ status: 'error', errorCode: 'internal' });
  });
});
