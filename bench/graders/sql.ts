/**
 * Benchmark of the `sql` engine: warm grading latency and throughput, memory per PGlite worker,
 * a process-per-run baseline (fresh node + PGlite from the template per grading), and runaways
 * (pg_sleep, an endless recursive CTE, a cross join bomb) stopped by the watchdog while other
 * gradings keep flowing.
 * Run: node bench/graders/sql.ts [--cpu-load=N] (or npm run bench:graders for every kind);
 * --cpu-load=N adds N busy-looping processes for the runaway part, to measure the stop under load.
 */
import { spawn, spawnSync } from 'node:child_process';
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

// Runaways under a 1 s limit while normal gradings keep flowing (and, with --cpu-load=N, N busy
// processes compete for the CPU): the time from submission until the time_limit verdict. Each kind
// runs on a warm pool; the last pair runs back to back, so the second one meets the first one's
// replacement still booting.
const limitMs = 1_000;
const cpuLoad = Number(process.argv.find((a) => a.startsWith('--cpu-load='))?.split('=')[1] ?? 0);
const hogs = Array.from({ length: cpuLoad }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const RUNAWAYS: [string, string][] = [
  ['pg_sleep(10)', 'SELECT pg_sleep(10)'],
  ['endless recursive CTE', 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r'],
  [
    'cross join bomb',
    'SELECT count(*) FROM generate_series(1, 100000) a, generate_series(1, 100000) b, generate_series(1, 100000) c',
  ],
];
const warm = async () => {
  const until = performance.now() + 120_000;
  for (;;) {
    const s = engine.stats();
    if (s.idle + s.busy >= WORKERS + 1 || performance.now() > until) return;
    await new Promise((r) => setTimeout(r, 100));
  }
};
let normal = 0;
let stop = false;
const flowing = (async () => {
  while (!stop) {
    await grade();
    normal++;
  }
})();
const runaway = async (sql: string) => {
  const began = performance.now();
  const out = await engine.grade(orderedQuery, sql, { mode: 'submit', limits: { ...DEFAULT_LIMITS, timeMs: limitMs } });
  if (out.errorCode !== 'time_limit') throw new Error(`runaway ended with ${out.status}/${out.errorCode}`);
  return (performance.now() - began) / limitMs;
};
const ratios: number[] = [];
const flowStart = performance.now();
for (const [name, sql] of RUNAWAYS) {
  for (let round = 0; round < 2; round++) {
    await warm();
    const ratio = await runaway(sql);
    ratios.push(ratio);
    console.log(`sql runaway ${name}, limit ${limitMs} ms: stopped at ${ratio.toFixed(2)}x the limit`);
  }
}
await warm();
const first = await runaway(RUNAWAYS[0]?.[1] ?? '');
const second = await runaway(RUNAWAYS[1]?.[1] ?? '');
ratios.push(first, second);
console.log(
  `sql runaway back to back (second one while the first one's replacement boots): ${first.toFixed(2)}x then ${second.toFixed(2)}x`,
);
stop = true;
await flowing;
const flowSeconds = (performance.now() - flowStart) / 1000;
for (const hog of hogs) hog.kill('SIGKILL');
console.log(
  `sql runaway stop: worst ${Math.max(...ratios).toFixed(2)}x, median ${percentile(ratios, 50).toFixed(2)}x the limit over ${ratios.length} runaways (target <= 1.2x; ${cpuLoad} extra busy processes); ${normal} normal gradings completed meanwhile (${(normal / flowSeconds).toFixed(0)}/s)`,
);
const after = await grade();
console.log(
  `sql after the runaways: next grading ${after.status} in ${ms(after.durationMs)}; restarts ${engine.stats().restarts}`,
);
await engine.close();
