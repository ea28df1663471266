import { DEFAULT_LIMITS, type GradeResult } from '@backpath/contracts';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createCodeEngine } from '../engines/code/index.ts';
import { createHttpEngine } from '../engines/http/index.ts';
import { createTestsEngine } from '../engines/tests/index.ts';
import { SandboxPool } from './sandbox-pool.ts';
import {
  clampSuite,
  clampTestsExercise,
  counterHandler,
  counterHttpExercise,
  sortedExercise,
  sumExercise,
} from './test-exercises.ts';

// One shared pool of two workers, as the dispatcher may run it.
const pool = new SandboxPool({ workers: 2, maxQueue: 50 });
const code = createCodeEngine({ workers: 2, maxQueue: 50, pool });
const http = createHttpEngine({ workers: 2, maxQueue: 50, pool });
const tests = createTestsEngine({ workers: 2, maxQueue: 50, pool });
const limits = { ...DEFAULT_LIMITS, timeMs: 1_000, memoryBytes: 32 * 1024 * 1024, outputBytes: 4 * 1024 };
const submit = { mode: 'submit' as const, limits };

const gradeSum = (source: string): Promise<GradeResult> => code.grade(sumExercise, source, submit);

afterAll(async () => {
  await Promise.all([code.close(), http.close(), tests.close()]);
  await pool.close();
});

// After every hostile submission the pool must still grade a correct one.
afterEach(async () => {
  const result = await gradeSum('function sum(a, b) { return a + b; }');
  expect(result.status).toBe('pass');
});

describe('escape attempts end with a clean verdict', () => {
  const attempts: [string, string][] = [
    ['process', 'function sum(a, b) { return process.exit(1); }'],
    ['require', "function sum(a, b) { return require('fs').readFileSync('/etc/passwd', 'utf8'); }"],
    ['dynamic import', "async function sum(a, b) { const fs = await import('fs'); return a + b; }"],
    ['static import', "import fs from 'fs';\nexport function sum(a, b) { return a + b; }"],
    [
      'Function constructor',
      "function sum(a, b) { return globalThis.constructor.constructor('return process')().pid; }",
    ],
    ['fetch', "async function sum(a, b) { await fetch('http://example.com'); return a + b; }"],
  ];
  it.each(attempts)('%s', async (_label, source) => {
    const result = await gradeSum(source);
    expect(result.status).not.toBe('pass');
    expect(['fail', 'error']).toContain(result.status);
    expect(JSON.stringify(result)).not.toMatch(/root:|pid/);
  });

  it('a timer that would outlive the run never fires', async () => {
    const source = 'function sum(a, b) { setTimeout(() => { while (true) {} }, 10); return a + b; }';
    const result = await gradeSum(source);
    expect(result.status).toBe('pass');
  });
});

describe('resource bombs are stopped with the right error', () => {
  it('other gradings keep flowing while a runaway runs on another worker', async () => {
    await pool.ready(); // both workers warm, so the runaway can only take one of them
    const order: string[] = [];
    const runaway = gradeSum('function sum() { for (;;) {} }').then((r) => order.push(`runaway:${r.errorCode}`));
    const correct = gradeSum('function sum(a, b) { return a + b; }').then((r) => order.push(`correct:${r.status}`));
    await Promise.all([runaway, correct]);
    expect(order).toEqual(['correct:pass', 'runaway:time_limit']);
  });

  const bombs: [string, string, string][] = [
    ['endless loop', 'function sum() { while (true) {} }', 'time_limit'],
    ['endless loop at load', 'while (true) {}', 'time_limit'],
    ['huge array', 'function sum() { return new Array(1e9).fill(0); }', 'memory_limit'],
    ['string doubling', "function sum() { let s = 'x'; for (;;) s += s; }", 'memory_limit'],
    ['growing list', 'function sum() { const a = []; for (;;) a.push({ a: [1, 2, 3] }); }', 'memory_limit'],
    [
      'promise chain that never resolves',
      'function sum() { const f = () => Promise.resolve().then(f); return f(); }',
      'time_limit',
    ],
    ['console.log in a loop', "function sum() { for (;;) console.log('spam'); }", 'output_limit'],
  ];
  it.each(bombs)('%s', async (_label, source, errorCode) => {
    const result = await gradeSum(source);
    if (errorCode === 'memory_limit' && result.errorCode === 'time_limit') return; // slow growth may hit the clock first
    expect(result).toMatchObject({ status: 'error', errorCode });
    expect(result.message.length).toBeGreaterThan(20);
  });

  it('a worker whose heap hit the memory limit is replaced', async () => {
    const before = pool.stats().restarts;
    // A small limit and a long clock, so the heap fills before time runs out even in a cold worker.
    const tight = { mode: 'submit' as const, limits: { ...limits, timeMs: 10_000, memoryBytes: 8 * 1024 * 1024 } };
    const result = await code.grade(sumExercise, 'function sum() { const a = []; for (;;) a.push(a.length); }', tight);
    expect(result.errorCode).toBe('memory_limit');
    expect(pool.stats().restarts).toBe(before + 1);
  });

  it('infinite recursion is a stack overflow on that check', async () => {
    const result = await gradeSum('function sum(a, b) { return sum(a, b) + 1; }');
    expect(result.status).toBe('fail');
    expect(result.tests[0]?.message).toContain('stack overflow');
  });

  it('a promise that never settles fails its check', async () => {
    const result = await gradeSum('function sum() { return new Promise(() => {}); }');
    expect(result.status).toBe('fail');
    expect(result.tests[0]?.message).toContain('never settled');
  });

  it('printing past the limit is truncated with a marker', async () => {
    const result = await gradeSum("function sum(a, b) { console.log('x'.repeat(5000)); return a + b; }");
    expect(result.status).toBe('pass');
    expect(result.tests[0]?.output?.endsWith('…[output truncated]')).toBe(true);
    expect(result.tests[0]?.output?.length).toBeLessThan(4 * 1024 + 40);
  });
});

describe('cheats cannot make a wrong answer pass', () => {
  const cheats: [string, string][] = [
    ['patched JSON.stringify', "JSON.stringify = () => '5'; JSON.parse = () => 5; function sum() { return 0; }"],
    ['Object.prototype.toJSON', 'Object.prototype.toJSON = function () { return 5; }; function sum() { return {}; }'],
    [
      'valueOf defined on the result',
      "function sum() { const r = {}; Object.defineProperty(r, 'valueOf', { value: () => 5 }); return r; }",
    ],
    [
      'a Proxy that answers 5 to everything',
      'function sum() { return new Proxy({}, { get: () => 5, ownKeys: () => [] }); }',
    ],
    [
      'a Proxy that throws on inspection',
      "function sum() { return new Proxy({}, { ownKeys() { throw new Error('no'); } }); }",
    ],
    [
      'a getter that throws on the host side',
      "function sum() { return { get value() { throw new Error('boom'); } }; }",
    ],
    ['a getter that loops forever', 'function sum() { return { get value() { for (;;) {} } }; }'],
    [
      'searching globals for the hidden expectation',
      "function sum() { for (const k of Reflect.ownKeys(globalThis)) { try { if (String(globalThis[k]).includes('11')) return 11; } catch {} } return -1; }",
    ],
  ];
  it.each(cheats)('%s', async (_label, source) => {
    const result = await gradeSum(source);
    expect(result.status).not.toBe('pass');
    expect(result.tests.every((t) => t.status === 'pass')).toBe(false);
  });

  it('patching Array.prototype.sort does not fool an unordered comparison', async () => {
    const unordered = { ...sortedExercise, code: { ...sortedExercise.code, unordered: true } };
    const source =
      'Array.prototype.sort = function () { return [1, 2, 3]; }; function sorted(xs) { return [9, 9, 9]; }';
    const result = await code.grade(unordered, source, submit);
    expect(result.status).toBe('fail');
    expect(result.tests[0]?.actual).toBe('[9, 9, 9]');
  });
});

describe('state never leaks from one run into the next', () => {
  it('globals set by one grading are gone in the next', async () => {
    await gradeSum('globalThis.leak = 41; Object.prototype.extra = 1; function sum(a, b) { return a + b; }');
    await gradeSum('globalThis.leak = 41; Object.prototype.extra = 1; function sum(a, b) { return a + b; }');
    const result = await gradeSum(
      "function sum(a, b) { return typeof leak === 'undefined' && ({}).extra === undefined ? a + b : 0; }",
    );
    expect(result.status).toBe('pass');
  });

  it('arguments are copied fresh for every check', async () => {
    const exercise = {
      ...sortedExercise,
      code: {
        ...sortedExercise.code,
        checks: [...sortedExercise.code.checks, { name: 'again', args: [[3, 1, 2]], expected: 3 }],
      },
    };
    const result = await code.grade(
      exercise,
      'function sorted(xs) { const first = xs[0]; xs.sort(); return first === 3 && xs.length === 3 ? (xs[2] === 3 && first) || xs : xs; }',
      submit,
    );
    expect(result.tests[1]?.status).toBe('pass');
  });
});

describe('the http and tests engines through the pool', () => {
  it('grades a correct handler, and a runaway one with a time limit', async () => {
    expect((await http.grade(counterHttpExercise, counterHandler, submit)).status).toBe('pass');
    const runaway = await http.grade(counterHttpExercise, 'function handle() { while (true) {} }', submit);
    expect(runaway).toMatchObject({ status: 'error', errorCode: 'time_limit' });
  });

  it('grades a suite, and one that redefines expect to always pass', async () => {
    expect((await tests.grade(clampTestsExercise, clampSuite, submit)).status).toBe('pass');
    const cheat = await tests.grade(
      clampTestsExercise,
      `globalThis.expect = () => ({ toBe() {} });\n${clampSuite}`,
      submit,
    );
    expect(cheat.status).toBe('fail');
    expect(cheat.score).toEqual({ passed: 0, total: 2 });
  });
});
