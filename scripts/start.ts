/**
 * `npm start`: builds the web app and the downloadable CLI bundle only when a build is missing or older
 * than its sources (so a second start is fast), then runs the API server in this process's place.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const web = join(root, 'apps/web');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const newestOf = (dirs: string[]) => Math.max(...dirs.filter((d) => existsSync(d)).map(newest));

const built = join(web, 'dist/index.html');
const hasBuild = existsSync(join(web, 'package.json')) && existsSync(join(web, 'index.html'));
if (hasBuild && (!existsSync(built) || statSync(built).mtimeMs < newest(join(web, 'src')))) {
  process.stderr.write('[backpath] building the web app…\n');
  const r = spawnSync('npm', ['run', 'build', '-w', '@backpath/web'], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// The CLI learners download from /downloads/backpath.mjs. Without it the platform still runs (that
// route answers 404), so a failed build is reported and start-up carries on.
const cli = join(root, 'apps/cli');
const bundle = join(cli, 'dist/backpath.mjs');
const cliSources = [join(cli, 'src'), join(root, 'packages/graders/src'), join(root, 'packages/contracts/src')];
if (
  existsSync(join(cli, 'scripts/build.ts')) &&
  (!existsSync(bundle) || statSync(bundle).mtimeMs < newestOf(cliSources))
) {
  process.stderr.write('[backpath] building the CLI bundle (apps/cli/dist/backpath.mjs)…\n');
  const r = spawnSync(process.execPath, [join(cli, 'scripts/build.ts')], { stdio: 'inherit', cwd: root });
  if (r.status !== 0)
    process.stderr.write('[backpath] the CLI bundle did not build; /downloads/backpath.mjs will answer 404\n');
}
// Node keeps the compiled (and type-stripped) modules on disk, so a second start skips most of the
// work of loading the server's ~400 modules.
enableCompileCache(join(root, 'node_modules/.cache/backpath/compile'));
await import('../apps/api/src/server.ts');
