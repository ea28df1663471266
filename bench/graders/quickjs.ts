/**
 * Benchmark of the QuickJS-backed `code` engine: warm grading latency, a process-per-run baseline,
 * a runaway submission's stop time while other gradings flow, and memory per worker.
 * Run: node bench/graders/quickjs.ts (or `npm run bench:graders`, which runs it in its own process)
 */
import { spawnSync } from 'node:child_process';
import { DEFAULT_LIMITS, type ExerciseOfKind } from '@backpath/contracts';
import { createCodeEngine, SandboxPool } from '../../packages/graders/src/engines/code/index.ts';
import { createHttpEngine } from '../../packages/graders/src/engines/http/index.ts';
import { createTestsEngine } from '../../packages/graders/src/engines/tests/index.ts';
import {
  clampSuite,
  clampTestsExercise,
  counterHandler,
  counterHttpExercise,
} from '../../packages/graders/src/sandbox/test-exercises.ts';
import { ms, percentile } from './stats.ts';

const exercise: ExerciseOfKind<'code'> = {
  id: 'bench-sum',
  topic: 'bench',
  title: 'Bench sum',
  kind: 'code',
  difficulty: 'beginner',
  instructions: 'Add the numbers of an array together.',
  starter: '',
  solution: 'function sum(xs) { return xs.reduce((a, b) => a + b, 0); }',
  hints: ['reduce'],
  code: {
    language: 'javascript',
    entry: 'sum',
    checks: [
      { name: 'empty', args: [[]], expected: 0 },
      { name: 'three', args: [[1, 2, 3]], expected: 6 },
      { name: 'hidden', args: [[10, -4, 5]], expected: 11, hidden: true },
    ],
  },
};
const submission = exercise.solution;
const limits = { ...DEFAULT_LIMITS, timeMs: 1_000 };
const options = { mode: 'submit' as const, limits };

const rssBefore = process.memoryUsage().rss;
const workers = 2;
const pool = new SandboxPool({ workers, maxQueue: 1_000 });
const engine = createCodeEngine({ workers, maxQueue: 1_000, pool });
await pool.ready();

// Warm up, then measure sequential gradings end to end (including the worker round trip).
for (let i = 0; i < 500; i++) await engine.grade(exercise, submission, options);
const wall: number[] = [];
const inside: number[] = [];
for (let i = 0; i < 1_000; i++) {
  const start = performance.now();
  const result = await engine.grade(exercise, submission, options);
  wall.push(performance.now() - start);
  inside.push(result.durationMs);
  if (result.status !== 'pass') throw new Error(`bench submission did not pass: ${result.message}`);
}
const rssAfter = process.memoryUsage().rss;
const warmP50 = percentile(wall, 50);
console.log(
  `code warm grading (3 checks, 1000 runs): p50 ${ms(warmP50)}, p95 ${ms(percentile(wall, 95))}, in-worker p50 ${ms(percentile(inside, 50))}`,
);

// Baseline: a fresh node process per grading, evaluating the same submission and checks.
const script = `const sum = (${submission.replace('function sum', 'function')});
const checks = ${JSON.stringify(exercise.code.checks)};
const ok = checks.every((c) => JSON.stringify(sum(...structuredClone(c.args))) === JSON.stringify(c.expected));
process.stdout.write(ok ? 'pass' : 'fail');`;
const spawned: number[] = [];
for (let i = 0; i < 20; i++) {
  const start = performance.now();
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  spawned.push(performance.now() - start);
  if (child.stdout !== 'pass') throw new Error(`baseline failed: ${child.stderr}`);
}
const baseP50 = percentile(spawned, 50);
console.log(
  `process-per-run baseline (20 runs): p50 ${ms(baseP50)} -> QuickJS pool is ${(baseP50 / warmP50).toFixed(0)}x faster`,
);

// A runaway submission, while correct gradings keep flowing on the other worker.
const runawayStart = performance.now();
const runaway = engine.grade(exercise, 'function sum() { while (true) {} }', options).then((result) => ({
  result,
  elapsed: performance.now() - runawayStart,
}));
const during: number[] = [];
let flowing = true;
void runaway.then(() => {
  flowing = false;
});
while (flowing) {
  const start = performance.now();
  await engine.grade(exercise, submission, options);
  during.push(performance.now() - start);
}
const stopped = await runaway;
console.log(
  `runaway while(true){} (limit ${limits.timeMs} ms): ${stopped.result.errorCode} after ${ms(stopped.elapsed)} = ${(stopped.elapsed / limits.timeMs).toFixed(2)}x the limit; ` +
    `${during.length} other gradings meanwhile, p50 ${ms(percentile(during, 50))}, max ${ms(Math.max(...during))}`,
);

// The other two QuickJS engines on the same warm pool.
const tests = createTestsEngine({ workers, maxQueue: 1_000, pool });
const http = createHttpEngine({ workers, maxQueue: 1_000, pool });
for (const [label, grade] of [
  ['tests (2 learner tests x reference + 2 mutants)', () => tests.grade(clampTestsExercise, clampSuite, options)],
  ['http (2 checks, 3 requests)', () => http.grade(counterHttpExercise, counterHandler, options)],
] as const) {
  for (let i = 0; i < 200; i++) await grade();
  const times: number[] = [];
  for (let i = 0; i < 500; i++) {
    const start = performance.now();
    const result = await grade();
    times.push(performance.now() - start);
    if (result.status !== 'pass') throw new Error(`${label} did not pass: ${result.message}`);
  }
  console.log(`${label} warm grading (500 runs): p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}`);
}

const stats = pool.stats();
const spawnedWorkers = stats.size + 1; // the pool keeps one warm spare beside `size`
console.log(
  `memory: process RSS +${((rssAfter - rssBefore) / 1024 / 1024).toFixed(1)} MB for ${spawnedWorkers} warm workers ` +
    `(~${((rssAfter - rssBefore) / spawnedWorkers / 1024 / 1024).toFixed(1)} MB each); pool restarts ${stats.restarts}`,
);
await engine.close();
await pool.close();
