#!/usr/bin/env node
/**
 * Runs `backpath project test --all` against both reference solutions (TypeScript and Python), each on a
 * free port with a fresh data file, and exits non-zero if either fails. CI calls this:
 *   node apps/cli/scripts/test-capstone.ts [--seed N]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(root, 'apps/cli/src/bin.ts');
const extra = process.argv.slice(2);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function run(language: string): Promise<boolean> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `backpath-capstone-${language}-`));
  const ext = language === 'python' ? 'db' : 'json';
  const args = [
    bin,
    'project',
    'test',
    '--all',
    '--no-verbose',
    '--dir',
    path.join(root, 'examples/capstone', language),
  ];
  args.push('--port', String(await freePort()), ...extra);
  console.log(`\n=== ${language}: node ${args.map((a) => path.relative(process.cwd(), a) || a).join(' ')}`);
  const started = Date.now();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, args, {
      stdio: 'inherit',
      env: { ...process.env, DATA_FILE: path.join(dataDir, `bookmarks.${ext}`) },
    });
    child.on('exit', resolve);
  });
  await rm(dataDir, { recursive: true, force: true });
  console.log(`=== ${language}: exit code ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return code === 0;
}

const results = { typescript: await run('typescript'), python: await run('python') };
const failed = Object.entries(results).filter(([, ok]) => !ok);
console.log(
  failed.length ? `\nFAILED: ${failed.map(([l]) => l).join(', ')}` : '\nBoth reference solutions pass every stage.',
);
process.exitCode = failed.length ? 1 : 0;
