/**
 * Runs the capstone: starts the learner's server from backpath.yml (or uses `--url`), waits until it is
 * ready, runs stages 1..target in order (every check of a stage, then stopping after the first failed
 * stage), stops the server, and returns the report.
 */
import net from 'node:net';
import { CliError, EXIT } from '../exit-codes.ts';
import { CLI_VERSION } from '../version.ts';
import { StageContext } from './context.ts';
import { send } from './http-client.ts';
import { assertLoopbackUrl } from './loopback.ts';
import { loadProjectConfig } from './project-config.ts';
import { detectLanguage, hintsFor } from './project-language.ts';
import { createRandom } from './random.ts';
import { ServerProcess } from './server-process.ts';
import { AUTH_STAGE, STAGES } from './stages/index.ts';
import type { StageResult, TesterEvents, TestReport } from './types.ts';

export const PROJECT_ID = 'bookmarks-api';

export interface RunOptions {
  targetStage: number;
  seed: number;
  /** Test a server that is already running; the host must be loopback. */
  url?: string;
  /** The project folder with backpath.yml (and the Dockerfile). */
  dir: string;
  /** Overrides backpath.yml's port (tests run several servers at once). */
  port?: number;
  events?: TesterEvents;
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function connect(opts: RunOptions): Promise<{ baseUrl: string; server?: ServerProcess }> {
  if (opts.url) {
    const url = await assertLoopbackUrl(opts.url);
    const baseUrl = url.origin;
    const ok = await send(baseUrl, { method: 'GET', path: '/health', timeoutMs: 3000 }).then(
      () => true,
      () => false,
    );
    if (!ok) {
      throw new CliError(
        EXIT.serverUnreachable,
        `Nothing answered at ${baseUrl}.`,
        'Start your server first, or drop --url to let the tester start it from backpath.yml.',
      );
    }
    return { baseUrl };
  }
  const config = await loadProjectConfig(opts.dir);
  const port = opts.port ?? config.port;
  if (await portInUse(port)) {
    throw new CliError(
      EXIT.serverUnreachable,
      `Port ${port} is already in use, so the tester cannot start your server on it.`,
      `Stop whatever listens on ${port} (an old copy of your server?), pass --port, or test it as it runs with --url http://127.0.0.1:${port}.`,
    );
  }
  const server = new ServerProcess(config, port);
  await server.start();
  return { baseUrl: server.baseUrl, server };
}

export async function runTests(opts: RunOptions): Promise<TestReport> {
  if (!Number.isInteger(opts.targetStage) || opts.targetStage < 1 || opts.targetStage > STAGES.length) {
    throw new CliError(EXIT.usage, `--stage must be 1-${STAGES.length}.`);
  }
  const started = Date.now();
  const events = opts.events ?? {};
  const t0 = performance.now();
  const { baseUrl, server } = await connect(opts);
  events.info?.(
    server
      ? `started \`${server.config.command.join(' ')}\` with PORT=${server.port}; ready after ${((performance.now() - t0) / 1000).toFixed(1)} s`
      : `testing the server already running at ${baseUrl}`,
  );
  const config = server?.config ?? (await loadProjectConfig(opts.dir).catch(() => undefined));
  const language = await detectLanguage(opts.dir, config?.command, config?.language);
  const ctx = new StageContext({
    language: hintsFor(language),
    baseUrl,
    random: createRandom(opts.seed),
    server,
    projectDir: opts.url ? undefined : opts.dir,
    events,
    authMode: opts.targetStage >= AUTH_STAGE,
  });
  const stages: StageResult[] = [];
  let failedStage: number | undefined;
  // The server runs in its own process group, so Ctrl-C does not reach it: stop it ourselves.
  const onSignal = (signal: NodeJS.Signals) => {
    void (server?.killAndWait() ?? Promise.resolve()).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    for (const stage of STAGES.slice(0, opts.targetStage)) {
      const base = { number: stage.number, id: stage.id, title: stage.title };
      if (failedStage !== undefined) {
        stages.push({ ...base, status: 'skipped', checks: [] });
        continue;
      }
      events.stageStart?.(stage);
      const first = ctx.results.length;
      await stage.run(ctx);
      const checks = ctx.results.slice(first);
      const status = checks.every((c) => c.status === 'pass') ? 'pass' : 'fail';
      if (status === 'fail') failedStage = stage.number;
      const result: StageResult = { ...base, status, checks };
      stages.push(result);
      events.stageEnd?.(result);
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await server?.stop();
  }
  return {
    version: 1,
    project: PROJECT_ID,
    seed: opts.seed,
    targetStage: opts.targetStage,
    passed: failedStage === undefined,
    ...(failedStage !== undefined ? { failedStage } : {}),
    stages,
    ...(ctx.load ? { load: ctx.load } : {}),
    target: { url: baseUrl, startedByTester: server !== undefined },
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    cliVersion: CLI_VERSION,
  };
}
