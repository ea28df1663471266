/**
 * Benchmark of Python `code` grading: child boot time and RSS, warm grading latency (a spare child is
 * ready, as between two learners), back-to-back latency (each grading also waits for a boot, since a
 * child serves one grading), and a runaway submission's stop time.
 * Run: node bench/graders/python.ts (or `npm run bench:graders`, which runs it in its own process)
 */
import { DEFAULT_LIMITS, type ExerciseOfKind } from '@backpath/contracts';
import { probeIsolation } from '../../packages/graders/src/engines/code/python/isolation.ts';
import { createPythonGrader } from '../../packages/graders/src/engines/code/python/python-grader.ts';
import { PythonProcess, readRss } from '../../packages/graders/src/engines/code/python/python-process.ts';
import { mb, ms, percentile } from './stats.ts';

const spec: ExerciseOfKind<'code'>['code'] = {
  language: 'python',
  entry: 'total',
  checks: [
    { name: 'empty', args: [[]], expected: 0 },
    { name: 'three', args: [[1, 2, 3]], expected: 6 },
    { name: 'hidden', args: [[10, -4, 5]], expected: 11, hidden: true },
  ],
};
const submission = 'def total(xs):\n    return sum(xs)\n';
const limits = { ...DEFAULT_LIMITS, timeMs: 1_000 };
const options = { mode: 'submit' as const, limits };

const isolation = await probeIsolation();
const boots: number[] = [];
const rss: number[] = [];
for (let i = 0; i < 3; i++) {
  const start = performance.now();
  const child = new PythonProcess(isolation);
  await child.ready;
  boots.push(performance.now() - start);
  rss.push(await readRss(child.pid!));
  child.kill('closed');
  await child.ended;
}
console.log(
  `python child boot (isolation ${isolation.mode}, 3 runs): p50 ${ms(percentile(boots, 50))}, RSS per ready child ${mb(percentile(rss, 50))}`,
);

const grader = createPythonGrader({ processes: 1, spares: 1, log: () => {} });
await grader.warm();
const warm: number[] = [];
const inside: number[] = [];
for (let i = 0; i < 30; i++) {
  await grader.warm();
  const start = performance.now();
  const result = await grader.grade(spec, submission, options);
  warm.push(performance.now() - start);
  inside.push(result.durationMs);
  if (result.status !== 'pass') throw new Error(`bench submission did not pass: ${result.message}`);
}
console.log(
  `python warm grading (3 checks, 30 runs, spare ready): p50 ${ms(percentile(warm, 50))}, p95 ${ms(percentile(warm, 95))}, in-child p50 ${ms(percentile(inside, 50))}`,
);

const backToBack: number[] = [];
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  await grader.grade(spec, submission, options);
  backToBack.push(performance.now() - start);
}
console.log(
  `python back-to-back gradings (5 runs, one spare): p50 ${ms(percentile(backToBack, 50))} (a child serves one grading, so sustained throughput is about one grading per boot per core)`,
);

await grader.warm();
const runawayStart = performance.now();
const runaway = await grader.grade(spec, 'def total(xs):\n    while True:\n        pass\n', options);
const stopped = performance.now() - runawayStart;
console.log(
  `python runaway while True (limit ${limits.timeMs} ms): ${runaway.errorCode} after ${ms(stopped)} = ${(stopped / limits.timeMs).toFixed(2)}x the limit`,
);
console.log(`python children started: ${grader.stats().started}`);
await grader.close();
