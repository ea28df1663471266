/**
 * A grader worker process (`npm run worker`, server mode): parse config, open PostgreSQL, load the
 * curriculum and warm the grading engines, then take grading jobs from the shared BullMQ queue on
 * Redis and record each verdict once. SIGINT/SIGTERM stop taking jobs and let running ones finish
 * (within a deadline; an unfinished job's lock expires and another worker grades it). See ADR 009.
 */
import { formatProblem, loadCurriculum } from '@backpath/curriculum';
import { createGraders } from '@backpath/graders';
import { pino } from 'pino';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { createCache } from './lib/cache.ts';
import { startHealthServer } from './lib/health-server.ts';
import { RedisConnection } from './lib/redis.ts';
import { ContentIndex } from './modules/progress/content-index.ts';
import type { LearningContext } from './modules/progress/learning-context.ts';
import { startGradingWorker } from './modules/submissions/grading-worker.ts';
import { SubmissionsService } from './modules/submissions/submissions.service.ts';

const SHUTDOWN_DEADLINE_MS = 15_000;
const say = (msg: string) => process.stderr.write(`[backpath worker] ${msg}\n`);

async function main(): Promise<void> {
  const started = performance.now();
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      say(err.message);
      process.exit(1);
    }
    throw err;
  }
  const problems: string[] = [];
  if (!config.redisUrl) problems.push('REDIS_URL is required: the worker takes its jobs from Redis');
  if (!config.databaseUrl) problems.push('DATABASE_URL is required: the embedded database grades in the API process');
  if (problems.length > 0) {
    say(new ConfigError(problems).message);
    process.exit(1);
  }
  const redisUrl = config.redisUrl!;
  const log = pino({ name: 'worker', level: config.logLevel });

  const { curriculum, problems: contentProblems } = loadCurriculum(config.contentDir);
  if (contentProblems.size > 0) {
    for (const p of contentProblems.items.slice(0, 20)) say(formatProblem(p));
    say(`the curriculum in ${config.contentDir} has ${contentProblems.size} problem(s); run npm run content:check`);
    process.exit(1);
  }
  const db = await openDatabase({
    url: config.databaseUrl,
    poolMax: Math.max(2, config.grading.concurrency + 1),
    onPoolError: (err) => log.warn({ err: err.message }, 'database connection lost'),
  });
  if (config.migrateOnStart) await migrate(db);

  // Probes answer from here on: live while the engines warm up, ready once jobs are being taken.
  let taking = false;
  let closing = false;
  const probeRedis = new RedisConnection(redisUrl, { name: 'worker-readiness', log });
  const health =
    config.grading.workerHealthPort === undefined
      ? undefined
      : await startHealthServer({
          port: config.grading.workerHealthPort,
          host: config.host,
          closing: () => closing,
          checks: [
            {
              name: 'worker',
              timeoutMs: 100,
              check: async () => {
                if (!taking) throw new Error('not taking jobs yet');
              },
            },
            { name: 'database', timeoutMs: 2_000, check: () => db.ping() },
            { name: 'redis', timeoutMs: 500, check: () => probeRedis.ping(500) },
          ],
          gauges: () => ({ backpath_worker_running_gradings: taking ? worker.running() : 0 }),
        });

  say('warming the grading engines…');
  const graders = createGraders({ redisUrl });
  // Warm before taking jobs, so a first grade is not charged an engine's boot against its time limit.
  await graders.ready();
  const ctx: LearningContext = {
    db,
    config,
    content: new ContentIndex(curriculum),
    cache: createCache(redisUrl, `${config.redisKeyPrefix}cache:`),
  };
  const submissions = new SubmissionsService(ctx, graders, {
    onGraderError: (err, id) => log.error({ err, submissionId: id }, 'the grader failed; recorded as failed'),
  });
  const worker = startGradingWorker({
    redisUrl,
    keyPrefix: config.redisKeyPrefix,
    concurrency: config.grading.concurrency,
    lockMs: config.grading.lockMs,
    process: async (id) => (await submissions.grade(id)) !== undefined,
    log,
  });
  await worker.ready();
  taking = true;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const probes = health ? `, health on http://${config.host}:${config.grading.workerHealthPort}/readyz` : '';
  say(`ready in ${seconds}s — grading up to ${config.grading.concurrency} at once (pid ${process.pid})${probes}`);

  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    say(`${signal} received: finishing ${worker.running()} running grading(s)…`);
    const deadline = setTimeout(() => {
      say('shutdown deadline passed; unfinished jobs are retried by another worker');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    try {
      await worker.close();
      health?.close();
      await probeRedis.close();
      await graders.close();
      await ctx.cache.close();
      await db.close();
      say('stopped cleanly');
      process.exitCode = 0;
    } catch (err) {
      say(`error while stopping: ${(err as Error).message}`);
      process.exitCode = 1;
    }
    process.exit();
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  say(`failed to start: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
