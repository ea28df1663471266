/**
 * `npm run bench` (search part): GET /api/search over real HTTP against the real API on PGlite with
 * the whole curriculum, one request at a time as a person types: p50/p95 for queries that match as
 * written, for typos that need the correction pass (two searches), and for a signed-in learner (notes
 * searched too), beside a signed-in GET /api/me baseline measured in the same run. Target (issue 15):
 * search p50 ≤ 20 ms. Also prints how long building the index takes on a fresh database.
 */
import { resolve } from 'node:path';
import { loadCurriculum } from '@backpath/curriculum';
import { buildApp } from '../../apps/api/src/app.ts';
import { loadConfig } from '../../apps/api/src/config.ts';
import { SearchService } from '../../apps/api/src/modules/search/search.service.ts';
import { signUp } from '../../apps/api/src/test/auth-helpers.ts';
import { createTestDatabase } from '../../apps/api/src/test/test-database.ts';

const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 20);
const CONTENT_DIR = resolve(import.meta.dirname, '../../content');
const AS_WRITTEN = [
  'index',
  'idempotent retries',
  'GROUP BY',
  'JWT expiry',
  'docker compose',
  'cache invalidation',
  'rate limit',
  'SQL injection',
  'foreign key',
  'graceful shutdown',
];
const TYPOS = ['idempotnet', 'cahce invalidaton', 'dokcer', 'transacton isolation', 'autentication'];

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main() {
  const { curriculum } = loadCurriculum(CONTENT_DIR);
  const db = await createTestDatabase('pglite');
  const t0 = performance.now();
  await new SearchService(db, curriculum).ensureIndex();
  const indexMs = performance.now() - t0;
  const config = loadConfig({ LOG_LEVEL: 'silent', CONTENT_DIR, WEB_DIST_DIR: '/nonexistent' });
  const app = await buildApp({ config, db, curriculum, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const who = await signUp(app);
  await app.inject({
    method: 'PUT',
    url: `/api/topics/${curriculum.stages[0]!.topics[0]}/notes`,
    payload: { body: 'My notes about idempotent retries and cache invalidation.' },
    headers: { cookie: who.cookie, ...who.csrfHeaders },
  });

  const time = async (path: string, cookie?: string) => {
    const start = performance.now();
    const res = await fetch(base + path, cookie ? { headers: { cookie } } : {});
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
    return performance.now() - start;
  };
  const run = async (paths: string[], cookie?: string) => {
    for (const p of paths) await time(p, cookie); // warm-up
    const xs: number[] = [];
    for (let r = 0; r < ROUNDS; r++) for (const p of paths) xs.push(await time(p, cookie));
    return xs;
  };
  const q = (words: string[]) => words.map((w) => `/api/search?q=${encodeURIComponent(w)}`);
  const rows: [string, number[]][] = [
    ['GET /api/me (signed in, baseline)', await run(['/api/me'], who.cookie)],
    ['search, as written (anonymous)', await run(q(AS_WRITTEN))],
    ['search, typo corrected (anonymous)', await run(q(TYPOS))],
    ['search, signed in (with notes)', await run(q(AS_WRITTEN), who.cookie)],
  ];
  console.log(
    `search index: ${curriculum.topics.size} lessons, ${curriculum.exercises.size} exercises, built in ${indexMs.toFixed(0)} ms`,
  );
  console.log(`${'case'.padEnd(40)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}  n`);
  for (const [name, xs] of rows) {
    console.log(
      `${name.padEnd(40)} ${pct(xs, 50).toFixed(1).padStart(8)} ${pct(xs, 95).toFixed(1).padStart(8)}  ${xs.length}`,
    );
  }
  const p50 = pct(rows[1]![1], 50);
  console.log(`search p50 ${p50.toFixed(1)} ms: ${p50 <= 20 ? 'ok' : 'ABOVE'} the 20 ms target`);
  await app.close();
  await db.close();
}

await main();
