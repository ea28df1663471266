import { DEFAULT_LIMITS, type ExerciseOfKind } from '@backpath/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import type { GradeOptions } from '../../../engine.ts';
import { TRUNCATION_MARKER } from '../../../sandbox/output-sink.ts';
import { createPythonGrader } from './python-grader.ts';

type Spec = ExerciseOfKind<'code'>['code'];

const grader = createPythonGrader({ processes: 2, spares: 2, log: () => {} });
afterAll(() => grader.close());

const classes: Spec = {
  language: 'python',
  entry: 'entry',
  checks: [
    { name: 'example', args: [[200, 404, 201]], expected: { '2xx': 2, '4xx': 1 } },
    { name: 'empty', args: [[]], expected: { '2xx': 0, '4xx': 0 } },
    { name: 'hidden', args: [[404, 404]], expected: { '2xx': 0, '4xx': 2 }, hidden: true },
  ],
};
const solution = `def entry(codes):
    counts = {"2xx": 0, "4xx": 0}
    for code in codes:
        counts[f"{code // 100}xx"] += 1
    return counts
`;
const submit: GradeOptions = { mode: 'submit', limits: DEFAULT_LIMITS };
const grade = (source: string, spec: Spec = classes, options = submit) => grader.grade(spec, source, options);

describe('Python grader', () => {
  it('passes a correct submission, hidden checks included', async () => {
    const result = await grade(solution);
    expect(result).toMatchObject({ version: 1, status: 'pass', message: 'All 3 checks passed.' });
    expect(result.tests[2]).toEqual({ name: 'hidden', status: 'pass', hidden: true });
  });

  it('fails a wrong answer with the same expected-vs-got message as JavaScript', async () => {
    const result = await grade(solution.replace('code // 100', '2'));
    expect(result.status).toBe('fail');
    expect(result.tests[0]).toMatchObject({
      status: 'fail',
      message:
        'entry([200, 404, 201]) returned { "2xx": 3, "4xx": 0 }, expected { "2xx": 2, "4xx": 1 }: at `["2xx"]` it has 3, expected 2.',
      expected: '{ "2xx": 2, "4xx": 1 }',
      actual: '{ "2xx": 3, "4xx": 0 }',
    });
    expect(result.tests[2]).toEqual({
      name: 'hidden',
      status: 'fail',
      hidden: true,
      message: 'This hidden check failed. Re-read the instructions for edge cases.',
    });
  });

  it('runs only the visible checks in run mode', async () => {
    const result = await grade(solution, classes, { ...submit, mode: 'run' });
    expect(result.tests.map((t) => t.name)).toEqual(['example', 'empty']);
  });

  it('reports a syntax error as a compile error with its line', async () => {
    const result = await grade('def entry(codes):\n    return (1,\n');
    expect(result).toMatchObject({ status: 'error', errorCode: 'compile_error' });
    expect(result.message).toMatch(/^Your code has a syntax error on line 2: .*never closed/);
  });

  it('shows the last lines of a traceback, with no host paths', async () => {
    const result = await grade('def helper(x):\n    return x[10]\n\ndef entry(codes):\n    return helper(codes)\n');
    expect(result.tests[0]).toMatchObject({
      status: 'error',
      message: 'entry([200, 404, 201]) threw an error: IndexError: list index out of range (line 2).',
    });
    const output = result.tests[0]!.output!;
    expect(output).toContain('File "submission.py", line 5, in entry');
    expect(output).toContain('    return x[10]\nIndexError: list index out of range');
    expect(output).not.toMatch(/\/work|node_modules|\/lib\/python|harness/);
  });

  it('accepts a raised exception when the check expects one', async () => {
    const spec: Spec = {
      language: 'python',
      entry: 'entry',
      checks: [{ name: 'rejects', args: [600], expected: 'invalid status', throws: true }],
    };
    const result = await grade('def entry(s):\n    raise ValueError(f"invalid status: {s}")\n', spec);
    expect(result.status).toBe('pass');
    expect(result.tests[0]!.output).toBeUndefined();
  });

  it('says when the entry function is missing or the module fails to load', async () => {
    const missing = await grade('def other(codes):\n    return {}\n');
    expect(missing).toMatchObject({ errorCode: 'invalid_submission' });
    expect(missing.message).toContain('Define a function named `entry`');
    const loading = await grade('import numpy\n');
    expect(loading).toMatchObject({ errorCode: 'runtime_error' });
    expect(loading.message).toContain("ModuleNotFoundError: No module named 'numpy' (line 1)");
  });

  it('captures print() output per check and truncates it at the limit with the shared marker', async () => {
    const printed = await grade(
      `print("loading")\n${solution.replace('    return counts', '    print("got", codes)\n    return counts')}`,
    );
    expect(printed.tests[0]!.output).toBe('loading\ngot [200, 404, 201]\n');
    expect(printed.tests[1]!.output).toBe('got []\n');
    expect(printed.tests[2]!.output).toBeUndefined();
    const limits = { ...DEFAULT_LIMITS, outputBytes: 100 };
    const long = await grade(`def entry(codes):\n    print("x" * 500)\n    return {}\n`, classes, {
      ...submit,
      limits,
    });
    expect(long.tests[0]!.output).toBe(`${'x'.repeat(100)}${TRUNCATION_MARKER}`);
  });

  it('runs hidden checks in a fresh namespace, so visible calls leave nothing behind', async () => {
    const spec: Spec = {
      language: 'python',
      entry: 'entry',
      checks: [
        { name: 'first call', args: [], expected: 1 },
        { name: 'second call', args: [], expected: 2 },
        { name: 'hidden first call', args: [], expected: 1, hidden: true },
      ],
    };
    const source = `import builtins
calls = []
def entry():
    calls.append(1)
    n = len(calls)
    if n == 2:
        builtins.len = lambda x: 99
    return n
`;
    const result = await grade(source, spec);
    expect(result.tests.map((t) => t.status)).toEqual(['pass', 'pass', 'pass']);
  });

  it('converts return values to plain data: tuples are lists, sets and objects never equal', async () => {
    const spec = (expected: unknown): Spec => ({
      language: 'python',
      entry: 'entry',
      checks: [{ name: 'value', args: [], expected }],
    });
    expect((await grade('def entry():\n    return (1, 2.5, None, True)\n', spec([1, 2.5, null, true]))).status).toBe(
      'pass',
    );
    const set = await grade('def entry():\n    return {1, 2}\n', spec([1, 2]));
    expect(set.tests[0]!.message).toBe('entry() returned {1, 2} (a set), expected [1, 2] (an array).');
    const none = await grade('def entry():\n    pass\n', spec(3));
    expect(none.tests[0]!.message).toBe('entry() returned null (null), expected 3 (a number).');
  });
});
