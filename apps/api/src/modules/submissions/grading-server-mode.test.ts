/**
 * Server mode end to end, as operators run it: two API processes (no engines) and two grader
 * workers (`npm run worker`) as real child processes on PostgreSQL + Redis. A submission made on
 * either API is graded by a worker and an SSE stream held by the other API hears it (Redis
 * pub/sub); a worker SIGKILLed mid-grade loses its job lock, the other worker grades the job again,
 * and the verdict is recorded once and announced once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { type SignedUp, signUp } from '../../test/auth-helpers.ts';
import { FIXTURE_CONTENT } from '../../test/build-test-app.ts';
import { createTestDatabase, postgresSkipReason } from '../../test/test-database.ts';
import { eventually, redisSkipReason, sleep, testRedisPrefix } from '../../test/test-redis.ts';
import { buildLearningTestApp, type LearningTestApp } from '../progress/learning-test-app.ts';
import { bullPrefix, GRADING_QUEUE_NAME } from './bullmq-grading-queue.ts';
import { settledChannel } from './grading-events.ts';

// Both throw (fail, not skip) when BACKPATH_REQUIRE_SERVICES=1 and a URL is missing.
const skip = postgresSkipReason() || redisSkipReason();

const SRC = resolve(import.meta.dirname, '../..');
/** A query that does not end on its own: graded only when the engine's watchdog stops it (seconds). */
const RUNAWAY = 'SELECT pg_sleep(10)';
const CORRECT = 'SELECT name FROM people';
/** Lock (and stalled-check) period of the workers under test: a killed worker's job moves on within ~2x this. */
const LOCK_MS = 2_000;

interface Proc {
  name: string;
  child: ChildProcess;
  out: string;
  err: string;
  exited: Promise<number | null>;
}

function startProcess(name: string, script: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [resolve(SRC, script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc: Proc = {
    name,
    child,
    out: '',
    err: '',
    exited: new Promise((r) => child.on('exit', (code) => r(code))),
  };
  child.stdout!.on('data', (d) => {
    proc.out += d.toString();
  });
  child.stderr!.on('data', (d) => {
    proc.err += d.toString();
  });
  return proc;
}

async function waitForLine(proc: Proc, pattern: RegExp, timeoutMs: number): Promise<void> {
  const ok = await eventually(async () => pattern.test(proc.err) || pattern.test(proc.out), timeoutMs, 100);
  if (!ok) throw new Error(`${proc.name} did not print ${pattern} in ${timeoutMs} ms:\n${proc.err}\n${proc.out}`);
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** Reads one server-sent event (`event:` and `data:`), then stops reading. */
async function firstEvent(
  res: Response,
): Promise<{ event: string; data: { status: string; result: { status: string } | null } }> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) text += decoder.decode(value, { stream: true });
    const block = text.split('\n\n')[0]!;
    if (text.includes('\n\n') || done) {
      await reader.cancel().catch(() => {});
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? '';
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? '{}';
      return { event, data: JSON.parse(data) };
    }
  }
}

describe.skipIf(skip)('grading in server mode: two APIs, two workers (PostgreSQL + Redis)', () => {
  let db: Database;
  let local: LearningTestApp;
  let learner: SignedUp;
  let prefix: string;
  let apis: { url: string; proc: Proc }[] = [];
  let workers: Proc[] = [];
  let events: Redis;
  const heard: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    const [{ schema }] = (await db.query<{ schema: string }>('SELECT current_schema() AS schema')) as [
      { schema: string },
    ];
    const dbUrl = new URL(process.env.TEST_DATABASE_URL!);
    dbUrl.searchParams.set('options', `-c search_path=${schema}`);
    prefix = testRedisPrefix('grading');
    const ports = [await freePort(), await freePort()];
    // Both APIs answer as one site behind a load balancer: one public URL, one session cookie.
    const publicUrl = `http://127.0.0.1:${ports[0]}`;
    const env = {
      DATABASE_URL: dbUrl.toString(),
      REDIS_URL: process.env.TEST_REDIS_URL!,
      REDIS_KEY_PREFIX: prefix,
      CONTENT_DIR: FIXTURE_CONTENT,
      WEB_DIST_DIR: '/nonexistent',
      MIGRATE_ON_START: 'false',
      PUBLIC_URL: publicUrl,
      LOG_LEVEL: 'info',
      GRADING_LOCK_MS: String(LOCK_MS),
      GRADING_CONCURRENCY: '2',
      DATABASE_POOL_MAX: '4',
    };
    apis = ports.map((port, i) => ({
      url: `http://127.0.0.1:${port}`,
      proc: startProcess(`api${i + 1}`, 'server.ts', { ...env, PORT: String(port) }),
    }));
    workers = [1, 2].map((i) => startProcess(`worker${i}`, 'worker.ts', env));

    local = await buildLearningTestApp({ db, env: { PUBLIC_URL: publicUrl } });
    learner = await signUp(local.app);
    events = new Redis(process.env.TEST_REDIS_URL!);
    events.on('message', (_channel: string, id: string) => heard.push(id));
    await events.subscribe(settledChannel(prefix));
    // Engines warming in two workers on a shared 2-core machine can take a while.
    await Promise.all([
      ...apis.map((a) => waitForLine(a.proc, /ready in/, 240_000)),
      ...workers.map((w) => waitForLine(w, /ready in/, 300_000)),
    ]);
  }, 320_000);

  afterAll(async () => {
    for (const p of [...apis.map((a) => a.proc), ...workers]) {
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
    }
    await Promise.race([
      Promise.all([...apis.map((a) => a.proc.exited), ...workers.map((w) => w.exited)]),
      sleep(20_000),
    ]);
    for (const p of [...apis.map((a) => a.proc), ...workers]) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    if (events) {
      const cleaner = new Redis(process.env.TEST_REDIS_URL!);
      const keys = await cleaner.keys(`${prefix}*`);
      if (keys.length > 0) await cleaner.del(...keys);
      await cleaner.quit();
      events.disconnect();
    }
    await local?.close();
    await db?.close();
  }, 60_000);

  const post = (api: { url: string }, code: string, mode: 'run' | 'submit' = 'submit') =>
    fetch(`${api.url}/api/exercises/alpha-sql/submissions`, {
      method: 'POST',
      headers: { cookie: learner.cookie, ...learner.csrfHeaders, 'content-type': 'application/json' },
      body: JSON.stringify({ code, mode }),
    });
  const stream = (api: { url: string }, id: string) =>
    fetch(`${api.url}/api/submissions/${id}/events`, { headers: { cookie: learner.cookie } });
  const row = async (id: string) =>
    (
      await db.query<{ status: string; verdict: string | null }>(
        'SELECT status, verdict FROM submissions WHERE id = $1',
        [id],
      )
    )[0]!;

  it('grades a submission made on either API, and an SSE stream on the other API hears the result', async () => {
    // Workers are held off (the queue paused) until the stream is open, so the result can only
    // reach it as a message from another process, not from the stream's own first read.
    const queue = new Queue(GRADING_QUEUE_NAME, {
      connection: { url: process.env.TEST_REDIS_URL! },
      prefix: bullPrefix(prefix),
    });
    try {
      for (const [from, to] of [
        [apis[0]!, apis[1]!],
        [apis[1]!, apis[0]!],
      ] as const) {
        await queue.pause();
        const res = await post(from, CORRECT);
        expect(res.status).toBe(202);
        const { id, status } = (await res.json()) as { id: string; status: string };
        expect(status).toBe('queued');
        const sse = await stream(to, id);
        expect(sse.status).toBe(200);
        const event = firstEvent(sse);
        await sleep(200); // the stream has subscribed and made its first read by now
        expect((await row(id)).status).toBe('queued');
        await queue.resume();
        const { event: name, data } = await event;
        expect(name).toBe('result');
        expect(data.status).toBe('graded');
        // The verdict itself is the engines' business (a 2-core machine under load may even time out
        // the correct query); here it must be recorded, and be what the other API's stream reported.
        const verdict = data.result?.status;
        expect(verdict).toMatch(/^(pass|fail|error)$/);
        expect(await row(id)).toEqual({ status: 'graded', verdict });
      }
    } finally {
      await queue.resume();
      await queue.close();
    }
    // The APIs loaded no engines: only workers graded.
    for (const api of apis) expect(api.proc.err).toContain('grading engines not loaded here');
  }, 60_000);

  it('answers the editor’s `run` from a worker within the request on an API without engines', async () => {
    const res = await post(apis[1]!, CORRECT, 'run');
    expect(res.status).toBe(200);
    const view = (await res.json()) as { status: string; mode: string; result: { status: string } | null };
    expect(view).toMatchObject({ status: 'graded', mode: 'run' });
    expect(view.result?.status).toMatch(/^(pass|fail|error)$/);
  }, 30_000);

  it('retries on the other worker when one is SIGKILLed mid-grade, and records and announces the verdict once', async () => {
    const [{ before }] = (await db.query<{ before: number }>(
      'SELECT coalesce(sum(actions), 0)::int AS before FROM activity_days WHERE user_id = $1',
      [learner.user.id],
    )) as [{ before: number }];
    const res = await post(apis[0]!, RUNAWAY);
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const grading = (w: Proc) => w.out.includes(`"submissionId":"${id}"`) && /"msg":"grading"/.test(w.out);
    // Killed after its claim: the row is `grading` and the job is active under the victim's lock.
    expect(
      await eventually(async () => workers.some(grading) && (await row(id)).status === 'grading', 20_000, 20),
    ).toBe(true);
    const victim = workers.find(grading)!;
    const survivor = workers.find((w) => w !== victim)!;
    const killedAt = performance.now();
    victim.child.kill('SIGKILL');
    await victim.exited;
    expect((await row(id)).status).toBe('grading');

    // The lock lapses, the survivor's stalled check moves the job back to wait, and it grades it.
    expect(await eventually(async () => (await row(id)).status === 'graded', 45_000, 100)).toBe(true);
    const recoveredInMs = performance.now() - killedAt;
    expect(survivor.out).toContain(`"submissionId":"${id}"`);
    await sleep(LOCK_MS * 2); // room for a duplicate grade or announcement to show up, if there were one
    const rows = await db.query<{ status: string; graded_at: unknown }>(
      'SELECT status, graded_at FROM submissions WHERE id = $1',
      [id],
    );
    expect(rows).toHaveLength(1);
    expect(heard.filter((h) => h === id)).toHaveLength(1);
    const recorded = survivor.out
      .split('\n')
      .filter((l) => l.includes(`"submissionId":"${id}"`) && l.includes('"msg":"graded"'));
    expect(recorded).toHaveLength(1);
    const [{ after }] = (await db.query<{ after: number }>(
      'SELECT coalesce(sum(actions), 0)::int AS after FROM activity_days WHERE user_id = $1',
      [learner.user.id],
    )) as [{ after: number }];
    expect(after - before).toBe(1);
    // A bound, not a benchmark: about two lock periods plus one time-limited grade.
    expect(recoveredInMs).toBeLessThan(40_000);
  }, 60_000);
});
