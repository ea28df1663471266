/**
 * `npm run bench:start`: how long `npm start` takes from the command to a served page, and how much
 * memory the API process holds once it answers.
 *
 *   node bench/start.ts              warm starts in this repository (data and builds already there)
 *   node bench/start.ts --first      a first start in a fresh copy of the repository (no data/, no
 *                                    builds, no compile cache; node_modules hard-linked), then warm ones
 *                                    (`git archive HEAD`: what a clone holds)
 *   options: --runs N (warm starts, default 3), --keep (leave the copy in place),
 *            --overlay a,b (copy these paths from the working tree into the copy, to try changes),
 *            --ref COMMIT (copy that commit instead of HEAD, e.g. to measure a "before")
 *
 * Each run spawns `npm start` exactly as a user types it, on a free port and its own DATA_DIR, polls
 * GET /readyz every 20 ms and then fetches `/` (the web app's page); the wall time is measured from the
 * spawn. RSS is read from /proc once the page has been served, for the process that listens (the API)
 * and for the whole tree npm started. The "ready in" figure the server printed is shown beside it.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import {
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const first = args.includes('--first');
const keep = args.includes('--keep');
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : 3;
const refArg = args.indexOf('--ref');
const ref = refArg >= 0 ? args[refArg + 1]! : 'HEAD';
const overlayArg = args.indexOf('--overlay');
const overlay = overlayArg >= 0 ? args[overlayArg + 1]!.split(',') : [];
const POLL_MS = 20;
const TIMEOUT_MS = 300_000;
const SETTLE_MS = 5000;

export interface StartFigures {
  /** From spawning `npm start` to the first 200 on /readyz. */
  readyMs: number;
  /** From spawning `npm start` to the first 200 on `/` (the web app's page). */
  pageMs: number;
  /** What the server printed in "ready in …s". */
  printed?: string;
  /** RSS of the process that listens (the API), in MiB. */
  apiRssMiB: number;
  /** RSS of every process `npm start` started (npm included), in MiB. */
  treeRssMiB: number;
  /** CPU time used by every process of the tree up to the served page (children that ended included):
   *  unlike wall time, it barely moves when other work shares the machine. */
  cpuMs: number;
  /** The API's RSS again SETTLE_MS later, once anything started after `listen` has settled. */
  apiRssSettledMiB: number;
  /** The "[backpath] …" progress lines, in order. */
  lines: string[];
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** pid -> { ppid, rssKiB } for every process, from /proc (Linux). */
function processTable(): Map<number, { ppid: number; rssKiB: number }> {
  const table = new Map<number, { ppid: number; rssKiB: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const rssKiB = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      table.set(Number(name), { ppid, rssKiB });
    } catch {
      // the process ended while we looked
    }
  }
  return table;
}

function descendants(root: number): number[] {
  const table = processTable();
  const found = [root];
  for (let i = 0; i < found.length; i++) {
    for (const [pid, p] of table) if (p.ppid === found[i]) found.push(pid);
  }
  return found;
}

/** CPU time (user + system) a process has used so far, in ms (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return 0;
  }
}

function rssKiB(pid: number): number {
  try {
    return Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** The pid among `pids` that has a listening socket on `port` (the API process). */
function listener(pids: number[], port: number): number | undefined {
  const hexPort = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[1]?.endsWith(hexPort) && cols[3] === '0A') inodes.add(cols[9]!);
    }
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
        if (inode && inodes.has(inode)) return pid;
      } catch {
        // closed meanwhile
      }
    }
  }
  return undefined;
}

async function poll(url: string, deadline: number, child: ChildProcess): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  throw new Error(`no 200 from ${url} within ${TIMEOUT_MS / 1000}s`);
}

/** Runs `npm start` once in `cwd` and measures it; stops the server (SIGTERM) before returning. */
export async function measureStart(cwd: string, dataDir: string, echo = false): Promise<StartFigures> {
  const port = await freePort();
  const lines: string[] = [];
  const t0 = performance.now();
  const child = spawn('npm', ['start'], {
    cwd,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let printed: string | undefined;
  let buffer = '';
  const tail: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let nl = buffer.indexOf('\n');
    while (nl >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      tail.push(line);
      if (tail.length > 30) tail.shift();
      if (line.startsWith('[backpath]')) {
        const at = ((performance.now() - t0) / 1000).toFixed(1);
        lines.push(`${at.padStart(5)}s  ${line}`);
        if (echo) process.stdout.write(`  ${at.padStart(5)}s  ${line}\n`);
        printed ??= /ready in ([\d.]+s)/.exec(line)?.[1];
      }
      nl = buffer.indexOf('\n');
    }
  });
  const failed = (err: Error) => {
    process.stderr.write(`${tail.join('\n')}\n`);
    throw err;
  };
  try {
    const deadline = Date.now() + TIMEOUT_MS;
    await poll(`http://127.0.0.1:${port}/readyz`, deadline, child).catch(failed);
    const readyMs = performance.now() - t0;
    await poll(`http://127.0.0.1:${port}/`, deadline, child);
    const pageMs = performance.now() - t0;
    const tree = descendants(child.pid!);
    const api = listener(tree, port);
    const treeRss = tree.reduce((sum, pid) => sum + rssKiB(pid), 0);
    const apiRss = api ? rssKiB(api) / 1024 : Number.NaN;
    const cpu = tree.reduce((sum, pid) => sum + cpuMs(pid), 0);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    return {
      apiRssSettledMiB: api ? rssKiB(api) / 1024 : Number.NaN,
      readyMs,
      pageMs,
      printed,
      apiRssMiB: apiRss,
      cpuMs: cpu,
      treeRssMiB: treeRss / 1024,
      lines,
    };
  } finally {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  }
}

/** A copy of the repository as a fresh clone plus `npm install` leaves it: no data, builds or caches. */
function freshCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'backpath-first-start-'));
  // The committed tree, as a clone has it (the working tree may hold someone's half-done edits),
  // plus any paths named with --overlay, copied from the working tree on top.
  const archive = spawnSync('git', ['archive', '--format=tar', ref], { cwd: ROOT, maxBuffer: 1 << 30 });
  if (archive.status !== 0) throw new Error(`git archive failed: ${archive.stderr}`);
  const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
  for (const path of overlay) {
    if (existsSync(join(ROOT, path))) cpSync(join(ROOT, path), join(dir, path), { recursive: true });
  }
  // node_modules as `npm install` leaves it (hard links: fast, and the same files), without caches.
  const link = (from: string, to: string) => {
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      if (entry.name === '.cache' || entry.name === '.vite') continue;
      const src = join(from, entry.name);
      const dst = join(to, entry.name);
      if (entry.isSymbolicLink()) symlinkSync(readlinkSync(src), dst);
      else if (entry.isDirectory()) {
        mkdirSync(dst, { recursive: true });
        link(src, dst);
      } else linkSync(src, dst);
    }
  };
  for (const nm of [
    'node_modules',
    ...['apps', 'packages'].flatMap((d) => subdirs(d).map((s) => `${d}/${s}/node_modules`)),
  ]) {
    const src = join(ROOT, nm);
    if (!existsSync(src)) continue;
    mkdirSync(join(dir, nm), { recursive: true });
    link(src, join(dir, nm));
  }
  return dir;
}

function subdirs(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function report(label: string, f: StartFigures) {
  console.log(
    `${label.padEnd(22)} readyz ${s(f.readyMs).padStart(7)}  page ${s(f.pageMs).padStart(7)}` +
      `  cpu ${s(f.cpuMs).padStart(6)}  (printed "ready in ${f.printed ?? '?'}")  API RSS ${f.apiRssMiB.toFixed(0)} MiB` +
      ` (${f.apiRssSettledMiB.toFixed(0)} MiB ${SETTLE_MS / 1000} s later), all processes ${f.treeRssMiB.toFixed(0)} MiB`,
  );
}

async function main() {
  const cwd = first ? freshCopy() : ROOT;
  const dataDir = mkdtempSync(join(tmpdir(), 'backpath-start-data-'));
  console.log(`== npm start (${first ? `first start in a fresh copy of ${ref}, ${cwd}` : 'this repository'})`);
  try {
    const warmup = await measureStart(cwd, dataDir, first);
    report(first ? 'first start' : 'first start, own data', warmup);
    const warm: StartFigures[] = [];
    for (let i = 0; i < RUNS; i++) {
      const f = await measureStart(cwd, dataDir, true);
      report(`warm start ${i + 1}`, f);
      warm.push(f);
    }
    if (warm.length > 0) {
      console.log(
        `warm start, median of ${warm.length}: page ${s(median(warm.map((f) => f.pageMs)))} from the command ` +
          `(cpu ${s(median(warm.map((f) => f.cpuMs)))}), ` +
          `API RSS ${median(warm.map((f) => f.apiRssSettledMiB)).toFixed(0)} MiB once settled`,
      );
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    if (first && !keep) rmSync(cwd, { recursive: true, force: true });
  }
}

if (import.meta.main) await main();
