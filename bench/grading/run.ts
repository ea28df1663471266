/**
 * Server-mode grading throughput (`node bench/grading/run.ts`): one API process without engines,
 * then 1 and 2 grader workers (`npm run worker`), each round submitting N SQL submissions over HTTP
 * and timing until all are graded; prints submissions/s per worker count and the RSS of the API
 * and of a worker. The queue is paused while a round is submitted, so the timed part is grading
 * alone (from resume to the last verdict), not the API accepting requests. Needs PostgreSQL and Redis (BENCH_DATABASE_URL / BENCH_REDIS_URL, defaulting to
 * TEST_DATABASE_URL / TEST_REDIS_URL, then the local defaults); uses its own schema and key prefix
 * and removes both. Not part of `npm run bench`: warming two workers' engines takes a minute.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { loadConfig } from '../../apps/api/src/config.ts';
import { openDatabase } from '../../apps/api/src/db/client.ts';
import { migrate } from '../../apps/api/src/db/migrate.ts';
import { hashPassword } from '../../apps/api/src/modules/auth/secrets.ts';
import { createSession, sessionCookieName } from '../../apps/api/src/modules/auth/sessions.ts';
import { insertUser } from '../../apps/api/src/modules/auth/users.repository.ts';
import { bullPrefix, GRADING_QUEUE_NAME } from '../../apps/api/src/modules/submissions/bullmq-grading-queue.ts';

const N = Number(process.env.BENCH_SUBMISSIONS ?? 200);
const DB_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const API_SRC = resolve(import.meta.dirname, '../../apps/api/src');
const FIXTURE_CONTENT = resolve(API_SRC, 'test/fixtures/content');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Proc {
  child: ChildProcess;
  err: string;
}

function start(script: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [resolve(API_SRC, script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const proc = { child, err: '' };
  child.stderr!.on('data', (d) => {
    proc.err += d.toString();
  });
  return proc;
}

async function ready(proc: Proc, timeoutMs = 300_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!/ready in/.test(proc.err)) {
    if (proc.child.exitCode !== null || Date.now() > until) throw new Error(`did not start:\n${proc.err}`);
    await sleep(100);
  }
}

async function stop(proc: Proc): Promise<void> {
  if (proc.child.exitCode !== null) return;
  const exited = new Promise((r) => proc.child.on('exit', r));
  proc.child.kill('SIGTERM');
  await exited;
}

const rssMb = (pid: number) => {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return kb / 1024;
};

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

const schema = `bench_grading_${randomBytes(4).toString('hex')}`;
const prefix = `bench-grading-${randomBytes(4).toString('hex')}:`;
const admin = await openDatabase({ url: DB_URL, poolMax: 1 });
await admin.exec(`CREATE SCHEMA ${schema}`);
const db = await openDatabase({ url: DB_URL, searchPath: schema, poolMax: 2 });
const procs: Proc[] = [];
let queue: Queue | undefined;
try {
  await migrate(db);
  const port = await freePort();
  const dbUrl = new URL(DB_URL);
  dbUrl.searchParams.set('options', `-c search_path=${schema}`);
  const env = {
    DATABASE_URL: dbUrl.toString(),
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    CONTENT_DIR: FIXTURE_CONTENT,
    WEB_DIST_DIR: '/nonexistent',
    MIGRATE_ON_START: 'false',
    LOG_LEVEL: 'warn',
    PORT: String(port),
  };
  const config = loadConfig(env);
  const user = await insertUser(db, {
    email: `bench-${randomBytes(4).toString('hex')}@example.test`,
    name: 'Bench',
    passwordHash: await hashPassword('Correct-Horse-Battery-9', 10),
    role: 'learner',
    emailVerified: true,
  });
  const session = await createSession(db, config, user.id);
  const headers = {
    cookie: `${sessionCookieName(config)}=${session.token}`,
    origin: config.publicUrl,
    'content-type': 'application/json',
  };
  const api = start('server.ts', env);
  procs.push(api);
  await ready(api);
  const base = `http://127.0.0.1:${port}`;
  const paused = new Queue(GRADING_QUEUE_NAME, { connection: { url: REDIS_URL }, prefix: bullPrefix(prefix) });
  queue = paused;

  console.log(`grading throughput, server mode: ${N} SQL submissions per round (one API, no engines)`);
  const workers: Proc[] = [];
  for (const count of [1, 2]) {
    while (workers.length < count) {
      const w = start('worker.ts', env);
      procs.push(w);
      workers.push(w);
    }
    await Promise.all(workers.map((w) => ready(w)));
    // A short warm-up round so the first timed grade does not pay a cold path.
    const round = async (n: number) => {
      await paused.pause();
      const ids: string[] = [];
      for (let i = 0; i < n; i += 20) {
        const batch = await Promise.all(
          Array.from({ length: Math.min(20, n - i) }, () =>
            fetch(`${base}/api/exercises/alpha-sql/submissions`, {
              method: 'POST',
              headers,
              body: JSON.stringify({ code: 'SELECT name FROM people' }),
            }).then((r) => r.json() as Promise<{ id: string }>),
          ),
        );
        ids.push(...batch.map((b) => b.id));
      }
      const started = performance.now();
      await paused.resume();
      for (;;) {
        const [{ left }] = (await db.query<{ left: number }>(
          `SELECT count(*)::int AS left FROM submissions WHERE id = ANY($1::text[]) AND status IN ('queued', 'grading')`,
          [ids],
        )) as [{ left: number }];
        if (left === 0) break;
        await sleep(50);
      }
      return performance.now() - started;
    };
    await round(10);
    const total = await round(N);
    console.log(
      `  ${count} worker(s): ${N} graded in ${(total / 1000).toFixed(1)} s = ${((N * 1000) / total).toFixed(1)} submissions/s`,
    );
  }
  console.log(
    `  RSS: API (server mode, no engines) ${rssMb(api.child.pid!).toFixed(0)} MB; ` +
      `worker ${workers.map((w) => rssMb(w.child.pid!).toFixed(0)).join(' MB, ')} MB (main process; engine worker threads included)`,
  );
  console.log('  (2-core machine shared with other work: figures are noisy)');
} finally {
  await queue?.close();
  await Promise.all(procs.map(stop));
  await db.close();
  await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
  await admin.close();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
}
