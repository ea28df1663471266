/**
 * The API process: parse config, open and migrate the database, load the curriculum, listen, and
 * shut down gracefully on SIGINT/SIGTERM (stop accepting, finish in-flight requests, close the
 * database), with a deadline so a stuck connection cannot keep the process alive.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem, loadCurriculum } from '@backpath/curriculum';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { AppError } from './errors.ts';
import type { GraderLike } from './modules/submissions/grader.ts';

const SHUTDOWN_DEADLINE_MS = 10_000;
const say = (msg: string) => process.stderr.write(`[backpath] ${msg}\n`);

async function main(): Promise<void> {
  // From the start of the first process the user launched: `npm start` passes its own start time down
  // (scripts/start.ts); a bare `node server.ts` counts from this process's start.
  const started = Number(process.env.BACKPATH_STARTED_AT) || performance.timeOrigin;
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

  const { curriculum, problems } = loadCurriculum(config.contentDir);
  if (problems.size > 0) {
    for (const p of problems.items.slice(0, 20)) say(formatProblem(p));
    say(`the curriculum in ${config.contentDir} has ${problems.size} problem(s); run npm run content:check`);
    process.exit(1);
  }

  if (config.databaseUrl) say('connecting to PostgreSQL (DATABASE_URL)…');
  else if (existsSync(join(config.dataDir, 'PG_VERSION'))) say(`opening the embedded database in ${config.dataDir}…`);
  else say(`creating the embedded database in ${config.dataDir} (first start only; this takes 5-10 s)…`);
  const db = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolMax: config.databasePoolMax,
    onPoolError: (err) => say(`database connection lost: ${err.message} (requests answer 503 until it returns)`),
  });
  if (config.migrateOnStart) {
    const applied = await migrate(db);
    if (applied.length > 0) say(`applied ${applied.length} migration(s)`);
  }

  // Server mode grades in `npm run worker` processes: the API loads no engines unless GRADING_IN_API.
  const graders = config.grading.inApi ? lazyGraders() : undefined;
  if (!graders) say('grading engines not loaded here (GRADING_IN_API=false): `npm run worker` processes grade');
  const app = await buildApp({ config, db, curriculum, ...(graders ? { graders } : {}) });
  await app.listen({ port: config.port, host: config.host });
  // Warm the grading engines after the server answers: booting their workers takes seconds of CPU
  // that would otherwise delay the first page.
  if (graders) setImmediate(() => void graders.warm());
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  say(`ready in ${seconds}s — open ${config.publicUrl} (API docs: ${config.publicUrl}/docs)`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    say(`${signal} received: finishing in-flight requests…`);
    const deadline = setTimeout(() => {
      say('shutdown deadline passed; closing remaining connections');
      app.server.closeAllConnections();
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    try {
      await app.close();
      await graders?.close?.();
      await db.close();
      say('stopped cleanly');
      process.exitCode = 0;
    } catch (err) {
      say(`error while stopping: ${(err as Error).message}`);
      process.exitCode = 1;
    } finally {
      clearTimeout(deadline);
    }
    // Everything we own is closed; a worker still booting (engines warming when the signal came)
    // must not keep a stopped server alive.
    process.exit();
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** The grading engines, created once; a failure to load them leaves the API up with grading off (503). */
/** The grading engines, created on first use or by `warm()`, whichever comes first. */
function lazyGraders(): GraderLike & { warm(): Promise<GraderLike | undefined> } {
  let loading: Promise<GraderLike | undefined> | undefined;
  const load = () =>
    (loading ??= import('@backpath/graders').then(
      ({ createGraders }) => createGraders() as GraderLike,
      (err: Error) => {
        say(`grading is unavailable: ${err.message}`);
        return undefined;
      },
    ));
  return {
    warm: load,
    async grade(...args) {
      const real = await load();
      if (!real)
        throw new AppError('service_unavailable', 'Grading is unavailable on this server right now.', undefined, {
          'retry-after': '30',
        });
      return real.grade(...args);
    },
    async close() {
      if (loading) await (await loading)?.close?.();
    },
  };
}

main().catch((err) => {
  say(`failed to start: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
