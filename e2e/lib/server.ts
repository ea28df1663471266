/**
 * Starts the real Backpath server for the journeys: builds the web app, picks a free port, uses a
 * fresh embedded database, sends mail to the catcher, and waits for /readyz.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const addr = srv.address();
  await new Promise<void>((r) => srv.close(() => r()));
  return typeof addr === 'object' && addr ? addr.port : 0;
}

export function buildWeb(): void {
  const r = spawnSync('npm', ['run', 'build', '-w', '@backpath/web'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the web build failed');
}

export interface RunningServer {
  url: string;
  env: NodeJS.ProcessEnv;
  stop: () => Promise<void>;
  log: () => string;
}

export function serverEnv(port: number, smtpPort: number, dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    LOG_LEVEL: 'warn',
  };
}

/** Runs a one-off command of the API (such as admin:create) against the same database, before the server holds it. */
export function runApiCli(script: string, args: string[], env: NodeJS.ProcessEnv): string {
  const r = spawnSync(process.execPath, [join(ROOT, script), ...args], { cwd: ROOT, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr || r.stdout}`);
  return r.stdout;
}

export async function startServer(env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const url = env.PUBLIC_URL!;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'apps/api/src/server.ts')], { cwd: ROOT, env });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const deadline = Date.now() + 120_000;
  while (true) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output.slice(-3000)}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server was not ready in time:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    env,
    log: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

export function tempDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'backpath-e2e-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
