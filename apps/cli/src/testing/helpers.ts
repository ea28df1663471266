/** Test helpers: free ports, temporary folders, and running the real `backpath` binary. */
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const BIN = path.join(REPO_ROOT, 'apps/cli/src/bin.ts');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export const tempDir = (prefix = 'backpath-test-') => mkdtemp(path.join(os.tmpdir(), prefix));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node bin.ts ...args` (or `node <opts.bin> ...args`, e.g. the built bundle) with a private config
 * dir; output is piped, so it has no colours.
 */
export function runCli(
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string; bin?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [opts.bin ?? BIN, ...args], {
      cwd: opts.cwd ?? REPO_ROOT,
      env: { ...process.env, BACKPATH_SERVER: '', NO_COLOR: '', FORCE_COLOR: '', ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
