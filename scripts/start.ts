/**
 * `npm start`: gets what the server needs ready, then runs the API server in this process's place.
 *
 * - The web app and the downloadable CLI are rebuilt only when their sources changed since the last
 *   build (a hash of the source files against a stamp in node_modules/.cache/backpath), so a warm
 *   start builds nothing and a `git pull` that touched apps/web rebuilds it even if mtimes lie.
 * - On a first start the independent steps run side by side, each saying what it does: the web
 *   build, creating the embedded database (PGlite initdb + migrations, in a child process), and the
 *   CLI bundle. The CLI bundle is not needed to serve pages: when it is missing it keeps building
 *   after the server is up (/downloads/backpath.mjs answers 404 until it is written).
 * - The server's "ready in …s" counts from the moment `npm start` itself started (BACKPATH_STARTED_AT).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { hashSources, launchTime } from './start-helpers.ts';

process.env.BACKPATH_STARTED_AT ??= String(launchTime());

const root = resolve(import.meta.dirname, '..');
const web = join(root, 'apps/web');
const cli = join(root, 'apps/cli');
const cacheDir = join(root, 'node_modules/.cache/backpath');
const compileCache = join(cacheDir, 'compile');
const say = (msg: string) => process.stderr.write(`[backpath] ${msg}\n`);
const since = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)}s`;

interface Build {
  name: string;
  /** Shown while it runs. */
  label: string;
  output: string;
  inputs: string[];
  command: [string, string[]];
}

const allBuilds: Build[] = [
  {
    name: 'web',
    label: 'building the web app (apps/web/dist)…',
    output: join(web, 'dist/index.html'),
    inputs: [
      'apps/web/src',
      'apps/web/public',
      'apps/web/index.html',
      'apps/web/vite.config.ts',
      'apps/web/package.json',
      'apps/web/scripts',
      'packages/contracts/src',
    ],
    command: ['npm', ['run', 'build', '-w', '@backpath/web']],
  },
  {
    name: 'cli',
    label: 'building the CLI bundle (apps/cli/dist/backpath.mjs)…',
    output: join(cli, 'dist/backpath.mjs'),
    inputs: [
      'apps/cli/src',
      'apps/cli/scripts/build.ts',
      'apps/cli/package.json',
      'packages/graders/src',
      'packages/contracts/src',
    ],
    command: [process.execPath, [join(cli, 'scripts/build.ts')]],
  },
];
const builds = allBuilds.filter((b) => existsSync(join(root, b.inputs[0]!)));

const stampFile = (b: Build) => join(cacheDir, `${b.name}.build-stamp`);

/** Runs a child quietly, keeping the tail of its output to show if it fails. */
function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ ok: boolean; output: string }> {
  return new Promise((done) => {
    let output = '';
    const child: ChildProcess = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.on('error', (err) => done({ ok: false, output: `${output}\n${err.message}` }));
    child.on('close', (code) => done({ ok: code === 0, output }));
  });
}

async function runBuild(b: Build, hash: string): Promise<boolean> {
  const t = performance.now();
  say(b.label);
  const r = await run(b.command[0], b.command[1], { ...process.env, NODE_COMPILE_CACHE: compileCache });
  if (!r.ok) {
    process.stderr.write(r.output);
    return false;
  }
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(stampFile(b), `${hash}\n`);
  say(`${b.name === 'web' ? 'web app' : 'CLI bundle'} built in ${since(t)}`);
  return true;
}

/** Creates and migrates the embedded database in a child process, while the builds run. */
async function createDatabase(): Promise<void> {
  const dataDir = resolve(process.env.DATA_DIR ?? join(root, 'data'));
  if (process.env.DATABASE_URL || existsSync(join(dataDir, 'PG_VERSION'))) return;
  if (process.env.MIGRATE_ON_START === 'false') return;
  const t = performance.now();
  say(`creating the embedded database in ${relative(process.cwd(), dataDir) || '.'} (first start only)…`);
  const r = await run(process.execPath, [join(root, 'apps/api/src/db/migrate-cli.ts')], {
    ...process.env,
    NODE_COMPILE_CACHE: compileCache,
    LOG_LEVEL: 'warn',
  });
  // On failure the server tries again itself and reports the problem in its own words.
  if (!r.ok) process.stderr.write(r.output);
  else say(`database created in ${since(t)}`);
}

const stale = builds.flatMap((b) => {
  const hash = hashSources(root, b.inputs);
  const stamp = existsSync(stampFile(b)) ? readFileSync(stampFile(b), 'utf8').trim() : '';
  return existsSync(b.output) && stamp === hash ? [] : [{ build: b, hash, missing: !existsSync(b.output) }];
});

const before: Promise<unknown>[] = [createDatabase()];
for (const { build, hash, missing } of stale) {
  const step = runBuild(build, hash);
  if (build.name === 'web') {
    before.push(
      step.then((ok) => {
        if (!ok) process.exit(1);
      }),
    );
  } else if (build.name === 'cli') {
    // Without the bundle the platform still runs (that route answers 404), so a failed build is
    // reported and start-up carries on. A missing bundle finishes in the background; a stale one is
    // replaced before the server starts, so the server never caches the old file.
    const reported = step.then((ok) => {
      if (!ok) say('the CLI bundle did not build; /downloads/backpath.mjs will answer 404');
    });
    if (!missing) before.push(reported);
  }
}
// Node keeps the compiled (and type-stripped) modules on disk, so a second start skips most of the
// work of loading the server's ~400 modules.
enableCompileCache(compileCache);
// While the children build or create the database, load the server's modules here (this thread is
// otherwise idle), so the server starts the moment they are done. On a warm start nothing waits.
await Promise.all([...before, import('../apps/api/src/app.ts')]);
await import('../apps/api/src/server.ts');
