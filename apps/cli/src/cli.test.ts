/** The `backpath` binary as a user runs it: help on every command, documented exit codes, errors that say what next. */
import { describe, expect, test } from 'vitest';
import { freePort, runCli, tempDir } from './testing/helpers.ts';

const COMMANDS = [
  [],
  ['login'],
  ['logout'],
  ['whoami'],
  ['status'],
  ['exercise'],
  ['exercise', 'pull'],
  ['exercise', 'submit'],
  ['verify'],
  ['project'],
  ['project', 'init'],
  ['project', 'test'],
  ['project', 'submit'],
];

describe.concurrent('backpath --help', () => {
  test.each(COMMANDS.map((c) => [c.join(' ') || '(root)', c]))(
    '%s --help prints usage and exits 0',
    async (_, args) => {
      const run = await runCli([...(args as string[]), '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: backpath/);
    },
  );

  test('root help documents the exit codes', async () => {
    const { stdout } = await runCli(['--help']);
    for (const line of [
      '0  success',
      '1  checks failed',
      '2  usage error',
      '3  could not start or reach',
      '4  Backpath server or authentication',
    ]) {
      expect(stdout).toContain(line);
    }
  });
});

describe('exit codes', () => {
  test('an unknown command or flag is a usage error (2)', async () => {
    expect((await runCli(['fly'])).code).toBe(2);
    expect((await runCli(['project', 'test', '--nope'])).code).toBe(2);
  });

  test('--stage out of range, or with --all, is a usage error (2)', async () => {
    const run = await runCli(['project', 'test', '--stage', '12']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--stage must be a whole number from 1 to 11');
    expect((await runCli(['project', 'test', '--stage', '2', '--all'])).code).toBe(2);
  });

  test('a folder without backpath.yml is a usage error that suggests project init', async () => {
    const run = await runCli(['project', 'test', '--dir', await tempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/No backpath.yml in/);
    expect(run.stderr).toMatch(/Next: Run `backpath project init <language>`/);
  });

  test('a --url off loopback is refused (2) without contacting it', async () => {
    const run = await runCli(['project', 'test', '--url', 'http://10.20.30.40:8080']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Refusing to test 10.20.30.40:8080');
  });

  test('nothing listening at --url exits 3', async () => {
    const run = await runCli(['project', 'test', '--url', `http://127.0.0.1:${await freePort()}`]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/Nothing answered at http:\/\/127\.0\.0\.1:\d+/);
  });

  test('a server command that crashes at start exits 3 and shows its output', async () => {
    const dir = await tempDir();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      `${dir}/backpath.yml`,
      `command: [node, -e, "console.error('boom: missing module'); process.exit(7)"]\nport: ${await freePort()}\n`,
    );
    const run = await runCli(['project', 'test', '--dir', dir]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('exited before it was ready (exit code 7)');
    expect(run.stderr).toContain('boom: missing module');
  });

  test('commands that need a login exit 4 and say how to log in', async () => {
    const home = await tempDir();
    const run = await runCli(['status', '--server', 'http://127.0.0.1:9'], { env: { XDG_CONFIG_HOME: home } });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('You are not logged in.');
    expect(run.stderr).toContain('backpath login --server http://127.0.0.1:9');
  });
});

test('Ctrl-C during a run stops the server the tester started (exit 130, port free again)', async () => {
  const { spawn } = await import('node:child_process');
  const net = await import('node:net');
  const path = await import('node:path');
  const { BIN, REPO_ROOT } = await import('./testing/helpers.ts');
  const port = await freePort();
  const dir = path.join(REPO_ROOT, 'examples/capstone/typescript');
  const child = spawn(process.execPath, [BIN, 'project', 'test', '--all', '--dir', dir, '--port', String(port)], {
    env: { ...process.env, DATA_FILE: path.join(await tempDir(), 'b.json') },
  });
  let out = '';
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('Stage 3')) resolve();
    });
  });
  child.kill('SIGINT');
  const code = await new Promise((r) => child.on('exit', r));
  expect(code).toBe(130);
  const open = await new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
  expect(open).toBe(false);
});
