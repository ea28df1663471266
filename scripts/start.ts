/**
 * `npm start`: builds the web app only when its build is missing or older than its sources (so a
 * second start is fast), then runs the API server in this process's place.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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

const built = join(web, 'dist/index.html');
const hasBuild = existsSync(join(web, 'package.json')) && existsSync(join(web, 'index.html'));
if (hasBuild && (!existsSync(built) || statSync(built).mtimeMs < newest(join(web, 'src')))) {
  process.stderr.write('[backpath] building the web app…\n');
  const r = spawnSync('npm', ['run', 'build', '-w', '@backpath/web'], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
await import('../apps/api/src/server.ts');
