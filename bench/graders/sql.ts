/**
 * Benchmark of the `sql` engine: warm grading latency and throughput, memory per PGlite worker,
 * a process-per-run baseline (fresh node + PGlite from the template per grading), and a runaway
 * `pg_sleep(10)` stopped by the watchdog while other gradings keep flowing.
 * Run: node bench/graders/sql.ts (or npm run bench:graders for every kind).
 */
import { spawnSync } from 'node:child_process';
import { DEFAULT_LIMITS } from '@backpath/contracts';
import { orderedQuery, SETUP } from '../../packages/graders/src/engines/sql/fixtures.ts';
import { createSqlEngine } from '../../packages/graders/src/engines/sql/index.ts';
import { BASE_PATH } from '../../packages/graders/src/engines/sql/pglite-base.ts';
import { mb, ms, percentile, row, throughput, timeEach } from './stats.ts';

const options = { mode: 'submit' as const, limits: DEFAULT_LIMITS };
const WORKERS = 2;

const rssBefore = process.memoryUsage().rss;
let start = performance.now();
const engine = createSqlEngine({ workers: WORKERS, maxQueue: 1_000 });
await engine.ready();
const readyMs = performance.now() - start;
const grade = async () => {
  const result = await engine.grade(orderedQuery, orderedQuery.solution, options);
  if (result.status !== 'pass') throw new Error(`bench submission did not pass: ${result.message}`);
  return result;
};
for (let i = 0; i < 30; i++) await grade();
const rssWarm = process.memoryUsage().rss;
const workersAlive = WORKERS + 1; // size + one warm spare
console.log(
  `sql pool ready in ${(readyMs / 1000).toFixed(1)} s; memory ${mb((rssWarm - rssBefore) / workersAlive)} RSS per PGlite worker (${workersAlive} workers incl. spare, ${mb(rssWarm - rssBefore)} total)`,
);

const times = await timeEach(300, grade);
const perSecond = await throughput(WORKERS * 2, 3_000, grade);
console.log(row('sql', times, perSecond, ` (2 checks per grading, ${WORKERS} workers)`));

// Baseline: what a process/container per run pays at least: a fresh node + PGlite from the template.
const basePath = BASE_PATH;
const script = `
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
const db = new PGlite({ loadDataDir: new Blob([readFileSync(${JSON.stringify(basePath)})]) });
await db.exec(${JSON.stringify(SETUP)});
const r = await db.exec(${JSON.stringify(orderedQuery.solution)}, { rowMode: 'array' });
process.stdout.write(JSON.stringify(r.at(-1).rows));
process.exit(0);`;
const baseline: number[] = [];
for (let i = 0; i < 2; i++) {
  start = performance.now();
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    cwd: process.cwd(),
  });
  baseline.push(performance.now() - start);
  if (!child.stdout.includes('Ada')) throw new Error(`baseline failed: ${child.stderr}`);
}
const warmP50 = percentile(times, 50);
const baseP50 = percentile(baseline, 50);
console.log(
  `sql process-per-run baseline p50 ${ms(baseP50)} -> warm pool is ${(baseP50 / warmP50).toFixed(0)}x faster (target >= 20x; warm p50 target <= 5 ms: ${warmP50 <= 5 ? 'met' : 'NOT met on this machine'})`,
);

// Runaway: pg_sleep(10) under a 1 s limit while normal gradings keep going.
const limitMs = 1_000;
let normal = 0;
let stop = false;
const flowing = (async () => {
  while (!stop) {
    await grade();
    normal++;
  }
})();
start = performance.now();
const runaway = await engine.grade(orderedQuery, 'SELECT pg_sleep(10)', {
  mode: 'submit',
  limits: { ...DEFAULT_LIMITS, timeMs: limitMs },
});
const stoppedMs = performance.now() - start;
stop = true;
await flowing;
console.log(
  `sql runaway pg_sleep(10), limit ${limitMs} ms: ${runaway.errorCode} after ${ms(stoppedMs)} (${(stoppedMs / limitMs).toFixed(2)}x the limit; target <= 1.2x); ${normal} normal gradings completed meanwhile (${(normal / (stoppedMs / 1000)).toFixed(0)}/s)`,
);
const after = await grade();
console.log(
  `sql after the runaway: next grading ${after.status} in ${ms(after.durationMs)}; restarts ${engine.stats().restarts}`,
);
await engine.close();
