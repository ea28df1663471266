/** Small exercises shared by the sandbox engines' tests. */
import type { ExerciseOfKind } from '@backpath/contracts';

const common = {
  topic: 'testing-sandbox',
  title: 'Sandbox test exercise',
  difficulty: 'beginner' as const,
  instructions: 'An exercise used only by the grader tests.',
  starter: '',
  solution: 'see the test',
  hints: ['none'],
};

export const sumExercise: ExerciseOfKind<'code'> = {
  ...common,
  id: 'sandbox-sum',
  kind: 'code',
  code: {
    language: 'javascript',
    entry: 'sum',
    checks: [
      { name: 'adds two numbers', args: [2, 3], expected: 5 },
      { name: 'hidden: adds larger numbers', args: [10, 1], expected: 11, hidden: true },
    ],
  },
};

export const sortedExercise: ExerciseOfKind<'code'> = {
  ...common,
  id: 'sandbox-sorted',
  kind: 'code',
  code: {
    language: 'javascript',
    entry: 'sorted',
    checks: [{ name: 'sorts', args: [[3, 1, 2]], expected: [1, 2, 3] }],
  },
};

export const counterHttpExercise: ExerciseOfKind<'http'> = {
  ...common,
  id: 'sandbox-counter',
  kind: 'http',
  http: {
    language: 'javascript',
    checks: [
      {
        name: 'counts posts',
        requests: [
          { request: { method: 'POST', path: '/count' }, expect: { status: 201, body: { count: 1 } } },
          { request: { method: 'POST', path: '/count' }, expect: { status: 201, bodyIncludes: { count: 2 } } },
        ],
      },
      {
        name: 'hidden: echoes the query',
        hidden: true,
        requests: [
          { request: { method: 'GET', path: '/echo?name=ada' }, expect: { status: 200, body: { name: 'ada' } } },
        ],
      },
    ],
  },
};

export const counterHandler = `
let count = 0;
function handle(req) {
  if (req.method === 'POST' && req.path === '/count') {
    count += 1;
    return { status: 201, body: { count } };
  }
  if (req.path === '/echo') return { status: 200, body: { name: req.query.name } };
  return { status: 404 };
}`;

export const clampTestsExercise: ExerciseOfKind<'tests'> = {
  ...common,
  id: 'sandbox-clamp-tests',
  kind: 'tests',
  tests: {
    language: 'javascript',
    module: 'export function clamp(x, lo, hi) { return x < lo ? lo : x > hi ? hi : x; }',
    mutants: [
      {
        name: 'no-low',
        description: 'Low values are not raised',
        source: 'export function clamp(x, lo, hi) { return x > hi ? hi : x; }',
      },
      {
        name: 'no-high',
        description: 'High values are not lowered',
        source: 'export function clamp(x, lo, hi) { return x < lo ? lo : x; }',
      },
    ],
  },
};

export const clampSuite = `
test('raises low values', () => { expect(subject.clamp(-5, 0, 10)).toBe(0); });
test('lowers high values', () => { expect(subject.clamp(50, 0, 10)).toBe(10); });`;
