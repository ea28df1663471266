/**
 * `npm run bench` (API part): requests/second and p99 at 50 connections on loopback for cached
 * content reads and for an authenticated learner's progress read and write, each beside baselines
 * measured in the same run — a bare Fastify hello-world and a bare Fastify route doing one indexed
 * query on the same kind of database. The ratios are the figures. Runs on PGlite, and on PostgreSQL
 * when TEST_DATABASE_URL is set. Every case is bounded to a few seconds. Then HTTP grading end to end
 * (bench/api/grading.ts): submit -> verdict latency beside a signed-in GET measured in the same run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { type GradingTarget, gradingSuite } from './grading.ts';
import { type LoadFigures, load } from './load.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const WARMUP_SECONDS = 1;
const serveScript = new URL('./serve.ts', import.meta.url).pathname;

interface Served {
  port: number;
  cookies?: string[];
  headers?: Record<string, string>;
  topicId?: string;
  exercises?: GradingTarget['exercises'];
}

async function start(mode: string, backend: string): Promise<{ child: ChildProcess; info: Served }> {
  const child = spawn(process.execPath, [serveScript, mode, backend], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`${mode} server exited with ${code}`);
    }),
  ])) as [string];
  return { child, info: JSON.parse(line) as Served };
}

async function stop(child: ChildProcess) {
  child.kill('SIGTERM');
  if (child.exitCode === null) await once(child, 'exit');
}

async function measure(c: Parameters<typeof load>[0]): Promise<LoadFigures> {
  await load({ ...c, seconds: WARMUP_SECONDS });
  return load({ ...c, seconds: SECONDS });
}

const fmt = (n: number, digits = 0) => n.toFixed(digits).padStart(8);

function row(name: string, f: LoadFigures, base?: { name: string; figures: LoadFigures; target: number }) {
  const ratio = base ? f.rps / base.figures.rps : undefined;
  const verdict = base ? (ratio! >= base.target ? 'ok' : `BELOW ${base.target}x`) : '';
  const bad = f.non2xx + f.errors > 0 ? `  (${f.non2xx} non-2xx, ${f.errors} errors)` : '';
  console.log(
    `${name.padEnd(34)} ${fmt(f.rps)} req/s  p99 ${fmt(f.p99, 1)} ms` +
      (base ? `  ${(ratio ?? 0).toFixed(2)}x ${base.name.padEnd(10)} ${verdict}` : '') +
      bad,
  );
}

async function suite(backend: 'pglite' | 'postgres') {
  // BENCH_ONLY=throughput or BENCH_ONLY=grading runs one half.
  if (process.env.BENCH_ONLY !== 'grading') await throughput(backend);
  if (process.env.BENCH_ONLY !== 'throughput') await grading(backend);
}

async function throughput(backend: 'pglite' | 'postgres') {
  console.log(`\n== API on ${backend} (50 connections, ${SECONDS}s per case, 127.0.0.1)`);
  const hello = await start('hello', backend);
  const helloF = await measure({ url: `http://127.0.0.1:${hello.info.port}/` });
  await stop(hello.child);
  const oneQuery = await start('one-query', backend);
  const oneQueryF = await measure({ url: `http://127.0.0.1:${oneQuery.info.port}/q` });
  await stop(oneQuery.child);
  const oneWrite = await start('one-write', backend);
  const oneWriteF = await measure({ url: `http://127.0.0.1:${oneWrite.info.port}/w`, method: 'PUT' });
  await stop(oneWrite.child);

  const app = await start('app', backend);
  const base = `http://127.0.0.1:${app.info.port}`;
  const auth = { headers: { ...app.info.headers }, cookies: app.info.cookies! };
  const stages = await measure({ url: `${base}/api/stages` });
  // What a browser asks for: the same cached read, compressed once and served as gzip.
  const stagesGzip = await measure({ url: `${base}/api/stages`, headers: { 'accept-encoding': 'gzip' } });
  const topic = await measure({ url: `${base}/api/topics/${app.info.topicId}` });
  const me = await measure({ url: `${base}/api/me`, ...auth });
  const progressRead = await measure({ url: `${base}/api/progress`, ...auth });
  const progressWrite = await measure({
    url: `${base}/api/progress/topics/${app.info.topicId}`,
    method: 'PUT',
    ...auth,
    headers: { ...auth.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'learning' }),
  });
  await stop(app.child);

  const vsHello = { name: 'hello', figures: helloF, target: 0.5 };
  const vsQuery = { name: 'one-query', figures: oneQueryF, target: 0.7 };
  row('baseline: fastify hello-world', helloF);
  row('baseline: fastify one indexed query', oneQueryF);
  row('GET /api/stages (cached)', stages, vsHello);
  row('  (as browsers ask) same, gzip', stagesGzip, vsHello);
  row('GET /api/topics/:id (cached)', topic, vsHello);
  row('GET /api/me (auth alone, for scale)', me, vsQuery);
  row('GET /api/progress (signed in)', progressRead, vsQuery);
  row('PUT /api/progress/topics/:id', progressWrite, vsQuery);
  // Not a target: a write pays a WAL flush a read does not, so this shows what the write itself costs.
  row('  (for scale) bare one-upsert route', oneWriteF, vsQuery);
  row('  PUT progress vs the bare upsert', progressWrite, { name: 'one-write', figures: oneWriteF, target: 0.7 });
}

async function grading(backend: 'pglite' | 'postgres') {
  console.log(`\n== HTTP grading on ${backend} (the API with warm grading engines, 127.0.0.1)`);
  const server = await start('grading', backend);
  try {
    await gradingSuite({
      base: `http://127.0.0.1:${server.info.port}`,
      cookies: server.info.cookies!,
      headers: server.info.headers!,
      exercises: server.info.exercises!,
    });
  } finally {
    await stop(server.child);
  }
}

await suite('pglite');
if (process.env.TEST_DATABASE_URL) await suite('postgres');
else console.log('\n(PostgreSQL skipped: set TEST_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres)');
