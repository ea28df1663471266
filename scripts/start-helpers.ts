/**
 * Helpers of scripts/start.ts (no side effects, so they can be tested).
 *
 * When the user's command started. `npm start` runs `sh -c "node scripts/start.ts"` under npm's own
 * node process, so "ready in …s" should count from npm's start, not ours. On Linux the start times of
 * our ancestors are in /proc (in clock ticks since boot, like ours), so npm's start is ours minus the
 * difference. Elsewhere, or when not started by npm, it is this process's own start.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const CLOCK_TICKS_PER_SECOND = 100;

/** Fields of /proc/<pid>/stat after the command name: [state, ppid, …]; starttime is field 22. */
function stat(pid: number | 'self'): { ppid: number; startTicks: number; cmdline: string } {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const cmdline = pid === 'self' ? '' : readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  return { ppid: Number(fields[1]), startTicks: Number(fields[19]), cmdline };
}

/** Epoch milliseconds at which the command the user typed started (npm's process when run by npm). */
export function launchTime(): number {
  const own = performance.timeOrigin;
  if (!process.env.npm_lifecycle_event || process.platform !== 'linux') return own;
  try {
    const self = stat('self');
    let pid = self.ppid;
    // npm -> sh -> node: look a few generations up for npm itself.
    for (let i = 0; i < 4 && pid > 1; i++) {
      const p = stat(pid);
      if (/\bnpm(-cli)?(\.js)?\b/.test(p.cmdline)) {
        return own - ((self.startTicks - p.startTicks) * 1000) / CLOCK_TICKS_PER_SECOND;
      }
      pid = p.ppid;
    }
  } catch {
    // no /proc: fall back to our own start
  }
  return own;
}

/** sha256 over the relative paths and bytes of every file under `paths` (directories walked, sorted). */
export function hashSources(base: string, paths: string[]): string {
  const hash = createHash('sha256');
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    if (!statSync(path).isDirectory()) {
      hash
        .update(`${relative(base, path)}\0`)
        .update(readFileSync(path))
        .update('\0');
      return;
    }
    const entries = readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      visit(join(path, entry.name));
    }
  };
  for (const p of paths) visit(join(base, p));
  return hash.digest('hex');
}
