/**
 * The single-file bundle learners download (`dist/backpath.mjs`): built once into a temporary folder,
 * outside the repository, and run there as a learner would, with nothing installed beside it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { type BuildOutcome, buildCli } from '../scripts/build.ts';
import { FAKE_TOKEN, type FakeApi, startFakeApi } from './testing/fake-api.ts';
import { GIT_BRANCHING_EXERCISE, gitRepository } from './testing/git-fixture.ts';
import { freePort, runCli, tempDir } from './testing/helpers.ts';

let built: BuildOutcome;
let work: string;
let api: FakeApi;
const run = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { bin: built.outfile, cwd: work, env: { XDG_CONFIG_HOME: work, ...env } });

beforeAll(async () => {
  work = await tempDir('backpath-bundle-');
  [built, api] = await Promise.all([buildCli(path.join(work, 'backpath.mjs')), startFakeApi()]);
});
afterAll(() => api?.close());

describe('dist/backpath.mjs', () => {
  test('is one executable ES module without the server-side grading engines', async () => {
    const source = await readFile(built.outfile, 'utf8');
    expect(source.startsWith('#!/usr/bin/env node\n// backpath CLI')).toBe(true);
    expect(source).toContain('needs Node.js 22 or newer');
    expect(source).not.toMatch(/pglite|quickjs|pyodide/i);
    expect(source).not.toMatch(/^import .* from ['"](?!node:)/m);
    expect(built.gzipBytes).toBeLessThan(built.bytes);
  });

  test('--help and --version work', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: backpath/);
    expect(help.stdout).toContain('verify');
    const version = await run(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  test('project init python, then project test --stage 1 passes against the starter', async () => {
    const dir = path.join(work, 'my-api');
    const init = await run(['project', 'init', 'python', '--dir', dir, '--port', String(await freePort())]);
    expect(init.code).toBe(0);
    const tested = await run(['project', 'test', '--stage', '1', '--dir', dir]);
    expect(tested.stderr).toBe('');
    expect(tested.code).toBe(0);
    expect(tested.stdout).toContain('✓ GET /health answers 200');
  });

  test('verify checks a local git exercise (the graders learner tools are in the bundle)', async () => {
    api.exercises['git-branching'] = GIT_BRANCHING_EXERCISE;
    const { dir: repo, git } = await gitRepository();
    expect((await run(['login', '--server', api.url, '--token', FAKE_TOKEN])).code).toBe(0);
    const before = await run(['verify', 'git-branching', '--dir', repo]);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('✗ a branch named feature exists');
    git('branch', 'feature');
    git('tag', 'v1');
    const after = await run(['verify', 'git-branching', '--dir', repo]);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('✓ a tag v1 exists');
  });
});
