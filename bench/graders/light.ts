/**
 * Benchmark of the light engines (document, redis, config) sharing one worker pool: warm latency,
 * throughput, memory per worker, and a process-per-run baseline for document grading.
 * Run: node bench/graders/light.ts (or npm run bench:graders).
 */
import { spawnSync } from 'node:child_process';
import { DEFAULT_LIMITS } from '@backpath/contracts';
import { createLightEngines } from '../../packages/graders/src/engines/light/index.ts';
import { lightCases } from './light-cases.ts';
import { mb, ms, percentile, row, throughput, timeEach } from './stats.ts';

const options = { mode: 'submit' as const, limits: DEFAULT_LIMITS };
const rssBefore = process.memoryUsage().rss;
const light = createLightEngines({ workers: 1, maxQueue: 1_000 });
await light.ready();

for (const c of lightCases) {
  const engine = light.engines.find((e) => e.kind === c.exercise.kind);
  if (!engine) throw new Error(`no engine for ${c.exercise.kind}`);
  const grade = async () => {
    const result = await engine.grade(c.exercise as never, c.submission, options);
    if (result.status !== 'pass')
      throw new Error(`${c.exercise.kind} bench submission did not pass: ${result.message}`);
  };
  for (let i = 0; i < 50; i++) await grade();
  const times = await timeEach(300, grade);
  const perSecond = await throughput(4, 1_500, grade);
  let extra = '';
  if (c.baseline) {
    const spawned: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', c.baseline], { encoding: 'utf8' });
      spawned.push(performance.now() - start);
      if (child.status !== 0) throw new Error(`baseline failed: ${child.stderr}`);
    }
    const p50 = percentile(spawned, 50);
    extra = `; process-per-run baseline p50 ${ms(p50)} (${(p50 / percentile(times, 50)).toFixed(0)}x slower)`;
  }
  console.log(row(c.exercise.kind, times, perSecond, extra));
}
const rssAfter = process.memoryUsage().rss;
console.log(`light pool memory: ${mb((rssAfter - rssBefore) / 2)} RSS per worker (2 workers incl. spare)`);
await light.close();
