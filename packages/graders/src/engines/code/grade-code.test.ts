import { DEFAULT_LIMITS, type ExerciseOfKind, type GradeResult } from '@backpath/contracts';
import type { QuickJSWASMModule } from 'quickjs-emscripten';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GradeMode } from '../../engine.ts';
import { loadQuickJS } from '../../sandbox/quickjs.ts';
import { gradeCode } from './grade-code.ts';

type CodeSpec = ExerciseOfKind<'code'>['code'];

const sumSpec: CodeSpec = {
  language: 'javascript',
  entry: 'sum',
  checks: [
    { name: 'adds two numbers', args: [2, 3], expected: 5 },
    { name: 'adds negatives', args: [-2, -3], expected: -5 },
    { name: 'hidden big numbers', args: [1000, 2345], expected: 3345, hidden: true },
  ],
};

let qjs: QuickJSWASMModule;
beforeAll(async () => {
  qjs = await loadQuickJS();
});

function grade(
  submission: string,
  spec: CodeSpec = sumSpec,
  mode: GradeMode = 'submit',
  limits = DEFAULT_LIMITS,
): GradeResult {
  return gradeCode(qjs, spec, submission, mode, limits).result;
}

describe('code grading: correct submissions', () => {
  it('passes a plain function and reports every check in order', () => {
    const result = grade('function sum(a, b) { return a + b; }');
    expect(result.status).toBe('pass');
    expect(result.tests.map((t) => [t.name, t.status, t.hidden])).toEqual([
      ['adds two numbers', 'pass', false],
      ['adds negatives', 'pass', false],
      ['hidden big numbers', 'pass', true],
    ]);
  });

  it('accepts equivalent forms: arrow const, exported function, async function', () => {
    expect(grade('const sum = (a, b) => b + a;').status).toBe('pass');
    expect(grade('export function sum(a, b) { return a + b }').status).toBe('pass');
    expect(grade('async function sum(a, b) { await null; return a + b }').status).toBe('pass');
    expect(grade('function sum(a, b) { return new Promise((r) => setTimeout(() => r(a + b), 500)); }').status).toBe(
      'pass',
    );
  });

  it('strips TypeScript types before running', () => {
    const ts =
      'interface Pair { a: number }\nfunction sum(a: number, b: number): number {\n  return (a as number) + b;\n}';
    expect(grade(ts, { ...sumSpec, language: 'typescript' }).status).toBe('pass');
  });

  it('compares arrays without order when unordered, and numbers within tolerance', () => {
    const spec: CodeSpec = {
      language: 'javascript',
      entry: 'evens',
      unordered: true,
      tolerance: 0.001,
      checks: [{ name: 'evens', args: [[1, 2, 3, 4]], expected: [2, 4, 0.3] }],
    };
    expect(
      grade('function evens(xs) { return [0.1 + 0.2, ...xs.filter((x) => x % 2 === 0).reverse()]; }', spec).status,
    ).toBe('pass');
  });

  it('treats object keys in any order, and undefined-valued keys as absent', () => {
    const spec: CodeSpec = {
      language: 'javascript',
      entry: 'user',
      checks: [{ name: 'user', args: [], expected: { a: 1, b: [1, 2] } }],
    };
    expect(grade('function user() { return { b: [1, 2], c: undefined, a: 1 }; }', spec).status).toBe('pass');
  });

  it('accepts a throw whose message contains the expected text', () => {
    const spec: CodeSpec = {
      language: 'javascript',
      entry: 'safeDivide',
      checks: [{ name: 'rejects zero', args: [1, 0], expected: 'zero', throws: true }],
    };
    expect(
      grade("function safeDivide(a, b) { if (b === 0) throw new Error('cannot divide by zero'); return a / b; }", spec)
        .status,
    ).toBe('pass');
    const silent = grade('function safeDivide(a, b) { return a / b; }', spec);
    expect(silent.status).toBe('fail');
    expect(silent.tests[0]?.message).toContain('should throw an error containing "zero"');
  });

  it('shows console.log output of visible checks only', () => {
    const result = grade('function sum(a, b) { console.log("adding", a, b, { a }); return a + b; }');
    expect(result.tests[0]?.output).toBe('adding 2 3 { a: 2 }\n');
    expect(result.tests[2]?.output).toBeUndefined();
  });

  it('in run mode grades only the visible checks', () => {
    const result = grade('function sum(a, b) { return a + b; }', sumSpec, 'run');
    expect(result.tests.map((t) => t.name)).toEqual(['adds two numbers', 'adds negatives']);
  });
});

describe('code grading: wrong submissions get actionable messages', () => {
  it('names the call, the value returned and the value expected', () => {
    const result = grade('function sum(a, b) { return a - b; }');
    expect(result.status).toBe('fail');
    expect(result.message).toBe('0 of 3 checks passed.');
    expect(result.tests[0]).toMatchObject({
      status: 'fail',
      message: 'sum(2, 3) returned -1, expected 5.',
      expected: '5',
      actual: '-1',
    });
  });

  it('points out a wrong type', () => {
    const result = grade('function sum(a, b) { return String(a + b); }');
    expect(result.tests[0]?.message).toBe('sum(2, 3) returned "5" (a string), expected 5 (a number).');
  });

  it('names built-ins that have no JSON shape, such as a Set', () => {
    const spec: CodeSpec = {
      language: 'javascript',
      entry: 'unique',
      checks: [{ name: 'unique', args: [[1, 1, 2]], expected: [1, 2] }],
    };
    const result = grade('function unique(xs) { return new Set(xs); }', spec);
    expect(result.tests[0]?.message).toBe('unique([1, 1, 2]) returned Set(2) (a Set), expected [1, 2] (an array).');
  });

  it('hints at a missing return', () => {
    const result = grade('function sum(a, b) { a + b; }');
    expect(result.tests[0]?.message).toContain('Did you forget to `return` the result?');
  });

  it('says where nested values differ', () => {
    const spec: CodeSpec = {
      language: 'javascript',
      entry: 'user',
      checks: [{ name: 'user', args: [], expected: { name: 'Ada', tags: ['x', 'y'] } }],
    };
    const result = grade("function user() { return { name: 'Ada', tags: ['x', 'z'] }; }", spec);
    expect(result.tests[0]?.message).toContain('at `tags[1]` it has "z", expected "y"');
  });

  it('explains that imports are not available', () => {
    const result = grade("import { readFileSync } from 'fs';\nexport function sum(a, b) { return a + b; }");
    expect(result).toMatchObject({ status: 'error', errorCode: 'invalid_submission' });
    expect(result.message).toContain("there is no module 'fs'");
  });

  it('reports a missing function as an invalid submission', () => {
    const result = grade('function add(a, b) { return a + b; }');
    expect(result).toMatchObject({ status: 'error', errorCode: 'invalid_submission' });
    expect(result.message).toContain('Define a function named `sum`');
  });

  it('reports JavaScript and TypeScript syntax errors with their line', () => {
    const js = grade('function sum(a, b) {\n  return a +;\n}');
    expect(js).toMatchObject({ status: 'error', errorCode: 'compile_error' });
    expect(js.message).toContain('line 2');
    const ts = grade('function sum(a: number, b: number): number {\n  return a;\n}\nconst x: = 1;', {
      ...sumSpec,
      language: 'typescript',
    });
    expect(ts).toMatchObject({ status: 'error', errorCode: 'compile_error' });
    expect(ts.message).toContain('line 4');
  });

  it('reports a thrown error with its message and line as an error case', () => {
    const result = grade("function sum(a, b) {\n  throw new TypeError('nope');\n}");
    expect(result.status).toBe('fail');
    expect(result.tests[0]).toMatchObject({
      status: 'error',
      message: 'sum(2, 3) threw an error: TypeError: nope (line 2).',
    });
  });

  it('never reveals a hidden check’s inputs, expectations or output', () => {
    const result = grade('function sum(a, b) { console.log("args", a, b); throw new Error(JSON.stringify([a, b])); }');
    const hidden = result.tests[2];
    expect(hidden).toEqual({ name: 'hidden big numbers', status: 'fail', hidden: true, message: expect.any(String) });
    expect(JSON.stringify(result)).not.toContain('2345');
  });

  it('runs visible checks before hidden ones, so state kept between calls cannot carry hidden inputs out', () => {
    const hiddenFirst: CodeSpec = { ...sumSpec, checks: [sumSpec.checks[2]!, sumSpec.checks[0]!, sumSpec.checks[1]!] };
    const source =
      'const seen = []; function sum(a, b) { seen.push(a, b); console.log(seen.join()); return seen.join(); }';
    const result = grade(source, hiddenFirst);
    expect(result.tests.map((t) => t.name)).toEqual(['hidden big numbers', 'adds two numbers', 'adds negatives']);
    expect(result.tests[2]).toMatchObject({ actual: '"2,3,-2,-3"', output: '2,3,-2,-3\n' });
    expect(JSON.stringify(result)).not.toContain('2345');
  });
});
