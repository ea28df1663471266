import { DEFAULT_LIMITS, type ExerciseOfKind, type GradeResult } from '@backpath/contracts';
import type { QuickJSWASMModule } from 'quickjs-emscripten';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GradeMode } from '../../engine.ts';
import { loadQuickJS } from '../../sandbox/quickjs.ts';
import { gradeTests } from './grade-tests.ts';

type TestsSpec = ExerciseOfKind<'tests'>['tests'];

const spec: TestsSpec = {
  language: 'javascript',
  module: 'export function clamp(x, lo, hi) {\n  if (x < lo) return lo;\n  if (x > hi) return hi;\n  return x;\n}\n',
  mutants: [
    {
      name: 'no-low',
      description: 'Values below the range are not raised to the minimum.',
      source: 'export function clamp(x, lo, hi) { if (x > hi) return hi; return x; }',
    },
    {
      name: 'no-high',
      description: 'Values above the range are not lowered to the maximum',
      source: 'export function clamp(x, lo, hi) { if (x < lo) return lo; return x; }',
    },
  ],
};

const goodSuite = `
test('raises low values', () => { expect(subject.clamp(-5, 0, 10)).toBe(0); });
test('lowers high values', () => { expect(subject.clamp(50, 0, 10)).toEqual(10); });
test('keeps values inside', () => { expect(subject.clamp(5, 0, 10)).not.toBe(0); });
`;

let qjs: QuickJSWASMModule;
beforeAll(async () => {
  qjs = await loadQuickJS();
});

function grade(submission: string, mode: GradeMode = 'submit', s: TestsSpec = spec): GradeResult {
  return gradeTests(qjs, s, submission, mode, DEFAULT_LIMITS).result;
}

describe('tests grading', () => {
  it('passes a suite that kills every mutant, with the mutation score', () => {
    const result = grade(goodSuite);
    expect(result.status).toBe('pass');
    expect(result.score).toEqual({ passed: 2, total: 2 });
    expect(result.tests.filter((t) => t.name.startsWith('Catches')).every((t) => t.status === 'pass')).toBe(true);
  });

  it('accepts equivalent suites: imports, describe/it, other matchers, TypeScript, async tests', () => {
    const alt = `import { clamp } from './clamp';
describe('clamp', () => {
  it('low', async () => { await null; expect(clamp(-1, 0, 3) === 0).toBeTruthy(); });
  it('high', () => { expect([clamp(9, 0, 3)]).toContain(3); });
});`;
    expect(grade(alt).status).toBe('pass');
    const ts =
      "const low: number = subject.clamp(-1, 0, 3);\ntest('both ends', () => { expect(low).toBe(0); expect(subject.clamp(9, 0, 3) as number).toBe(3); });";
    expect(grade(ts, 'submit', { ...spec, language: 'typescript' }).status).toBe('pass');
  });

  it('names the mutant that survived and says what to add', () => {
    const result = grade("test('raises low values', () => { expect(subject.clamp(-5, 0, 10)).toBe(0); });");
    expect(result.status).toBe('fail');
    expect(result.score).toEqual({ passed: 1, total: 2 });
    expect(result.message).toBe(
      'Your tests caught 1 of 2 bugs. Your tests did not notice: Values above the range are not lowered to the maximum.',
    );
    const survivor = result.tests.find((t) => t.status === 'fail');
    expect(survivor?.message).toBe(
      'Your tests did not notice: Values above the range are not lowered to the maximum. Add a test that would fail if that happened.',
    );
  });

  it('fails a suite that fails against the reference, naming the failing tests', () => {
    const result = grade(
      "test('wrong idea', () => { expect(subject.clamp(5, 0, 10)).toBe(10); });\ntest('fine', () => {});",
    );
    expect(result.status).toBe('fail');
    expect(result.score).toBeUndefined();
    expect(result.message).toContain('1 of 2 failed: "wrong idea"');
    expect(result.tests[0]).toMatchObject({
      status: 'fail',
      message: 'Against the correct implementation, expected 5 to be 10 (line 1).',
    });
  });

  it('fails a suite with no tests', () => {
    const result = grade('const x = subject.clamp(1, 0, 2);');
    expect(result.status).toBe('fail');
    expect(result.message).toContain('Your file has no tests');
  });

  it('supports toThrow with a substring and its negation', () => {
    const throwing: TestsSpec = {
      language: 'javascript',
      module: "export function parse(s) { if (s === '') throw new Error('empty input'); return Number(s); }",
      mutants: [
        {
          name: 'no-throw',
          description: 'Empty input is accepted',
          source: 'export function parse(s) { return Number(s); }',
        },
      ],
    };
    const suite =
      "test('rejects empty', () => { expect(() => subject.parse('')).toThrow('empty'); expect(() => subject.parse('1')).not.toThrow(); });";
    expect(grade(suite, 'submit', throwing).status).toBe('pass');
  });

  it('reports syntax errors and load-time errors in the suite', () => {
    expect(grade("test('x', () => {\n  expect(1).toBe(;\n});")).toMatchObject({
      status: 'error',
      errorCode: 'compile_error',
    });
    const thrown = grade('subject.nothing();');
    expect(thrown).toMatchObject({ status: 'error', errorCode: 'runtime_error' });
    expect(thrown.message).toContain('TypeError');
  });

  it('in run mode only runs the suite against the reference', () => {
    const result = grade("test('raises low values', () => { expect(subject.clamp(-5, 0, 10)).toBe(0); });", 'run');
    expect(result.status).toBe('pass');
    expect(result.score).toBeUndefined();
    expect(result.tests).toHaveLength(1);
  });

  it('shows console output of the learner’s tests', () => {
    const result = grade("test('logs', () => { console.log('value', subject.clamp(3, 0, 2)); });", 'run');
    expect(result.tests[0]?.output).toBe('value 2\n');
  });
});

describe('tests grading: cheats', () => {
  it('a suite that redefines expect to never fail lets every mutant survive', () => {
    const result = grade(`globalThis.expect = () => ({ toBe() {}, toEqual() {}, not: { toBe() {} } });\n${goodSuite}`);
    expect(result.status).toBe('fail');
    expect(result.score).toEqual({ passed: 0, total: 2 });
  });

  it('a suite that redefines test so nothing registers has no tests', () => {
    const result = grade(`function test(name, fn) {}\n${goodSuite}`);
    expect(result.status).toBe('fail');
    expect(result.message).toContain('no tests');
  });

  it('cannot tell the reference from a mutant by reading its source', () => {
    const sniff = "test('sniff', () => { expect(subject.clamp.toString()).toContain('x < lo'); });";
    const result = grade(sniff);
    expect(result.status).toBe('fail');
    expect(result.message).toContain('failed: "sniff"');
  });

  it('a suite that loops forever against the reference ends with a time limit', () => {
    const result = gradeTests(qjs, spec, "test('spins', () => { for (;;) {} });", 'submit', {
      ...DEFAULT_LIMITS,
      timeMs: 300,
    }).result;
    expect(result).toMatchObject({ status: 'error', errorCode: 'time_limit' });
  });

  it('a suite that loops forever against a mutant still ends, counting the mutant as caught', () => {
    const suite = "test('loops on bad code', () => { while (subject.clamp(50, 0, 10) !== 10) {} });";
    const result = gradeTests(qjs, spec, suite, 'submit', { ...DEFAULT_LIMITS, timeMs: 600 }).result;
    expect(result.score).toEqual({ passed: 1, total: 2 });
  });
});
