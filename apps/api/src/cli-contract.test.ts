/**
 * The `backpath` CLI against this API, as a learner uses it: a real server on the embedded database
 * (listening on loopback), the CLI run as a separate process (so no code is shared between the two
 * apps), a personal API token, and an exercise pulled, failed, fixed and passed.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCurriculum } from '@backpath/curriculum';
import { createGraders, type Graders } from '@backpath/graders';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLearningTestApp, type LearningTestApp } from './modules/progress/learning-test-app.ts';
import { signUp, tokenFor } from './test/auth-helpers.ts';

const BIN = resolve(import.meta.dirname, '../../cli/src/bin.ts');
let t: LearningTestApp;
let graders: Graders;
let server: string;
const home = mkdtempSync(join(tmpdir(), 'backpath-cli-home-'));

function cli(
  args: string[],
  opts: { cwd?: string; server?: string } = {},
): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd,
      env: {
        ...process.env,
        XDG_CONFIG_HOME: home,
        HOME: home,
        BACKPATH_SERVER: opts.server ?? server,
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) => done({ code, out }));
  });
}

beforeAll(async () => {
  graders = createGraders({ codeWorkers: 1 });
  await graders.ready();
  t = await buildLearningTestApp({ graders });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  server = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await t?.close();
  await graders?.close();
});

describe('the CLI against a real server', () => {
  it('logs in with a token, shows who and where I am, and solves an exercise', async () => {
    const me = await signUp(t.app, { name: 'Cli Learner' });
    const token = await tokenFor(t.app, me.cookie, ['read', 'write']);

    expect((await cli(['login', '--token', token])).code).toBe(0);
    const who = await cli(['whoami']);
    expect(who.code).toBe(0);
    expect(who.out).toContain(me.user.email);
    const status = await cli(['status']);
    expect(status.code).toBe(0);
    expect(status.out).toContain('Alpha stage');

    const dir = join(home, 'alpha-sql');
    expect((await cli(['exercise', 'pull', 'alpha-sql', '--dir', dir])).code).toBe(0);
    const starterFile = readdirSync(dir).find((f) => f !== 'README.md' && !f.startsWith('.'));
    expect(starterFile).toBeDefined();

    const failing = await cli(['exercise', 'submit', '--dir', dir]);
    expect(failing.code).toBe(1);
    expect(failing.out).toContain('every name');

    writeFileSync(join(dir, starterFile!), 'SELECT name FROM people;\n');
    const passing = await cli(['exercise', 'submit', '--dir', dir]);
    expect(passing.out).toContain('every name');
    expect(passing.code).toBe(0);

    const progress = await t.app.inject({ url: '/api/progress', headers: { cookie: me.cookie } });
    const alpha = progress.json().stages.find((s: { id: string }) => s.id === 'alpha');
    expect(alpha).toBeDefined();
  });

  it('logout revokes the token on the server: afterwards it gets 401', async () => {
    const me = await signUp(t.app, { name: 'Leaving Learner' });
    const token = await tokenFor(t.app, me.cookie, ['read', 'write']);
    expect((await cli(['login', '--token', token])).code).toBe(0);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ url: '/api/me', headers: bearer })).statusCode).toBe(200);

    const out = await cli(['logout']);
    expect(out.out).toContain(`the token was revoked on ${server}`);
    expect(out.code).toBe(0);
    expect((await t.app.inject({ url: '/api/me', headers: bearer })).statusCode).toBe(401);
    expect((await cli(['whoami'])).code).toBe(4);
  });

  it('refuses a revoked or wrong token with exit code 4', async () => {
    expect((await cli(['login', '--token', 'bp_not-a-real-token'])).code).toBe(4);
  });
});

/** Replays an exercise's reference solution (`git …` and `write <path> <text>` lines) with the learner's own git. */
function applySolution(repo: string, solution: string): void {
  const env = {
    ...process.env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Learner',
    GIT_AUTHOR_EMAIL: 'learner@example.test',
    GIT_COMMITTER_NAME: 'Learner',
    GIT_COMMITTER_EMAIL: 'learner@example.test',
    GIT_EDITOR: 'true',
    GIT_MERGE_AUTOEDIT: 'no',
  };
  for (const line of solution.split('\n').map((l) => l.trim())) {
    const write = /^write (\S+) (.*)$/.exec(line);
    if (write) writeFileSync(join(repo, write[1]!), `${write[2]}\n`);
    else if (line.startsWith('git ')) {
      const args = [...line.slice(4).matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
      // A merge that stops on a conflict exits 1; the solution's next lines resolve it.
      try {
        execFileSync('git', args, { cwd: repo, env, stdio: 'pipe' });
      } catch (err) {
        if (args[0] !== 'merge') throw err;
      }
    }
  }
}

describe('git exercises of the real curriculum, pulled and verified with the CLI', () => {
  const { curriculum } = loadCurriculum(resolve(import.meta.dirname, '../../../content'));
  const local = [...curriculum.exercises.values()].filter((e) => e.kind === 'local');
  let real: LearningTestApp;
  let realServer: string;
  beforeAll(async () => {
    real = await buildLearningTestApp({ graders, curriculum });
    await real.app.listen({ port: 0, host: '127.0.0.1' });
    realServer = `http://127.0.0.1:${(real.app.server.address() as AddressInfo).port}`;
    const me = await signUp(real.app, { name: 'Git Learner' });
    const token = await tokenFor(real.app, me.cookie, ['read', 'write']);
    expect((await cli(['login', '--token', token], { server: realServer })).code).toBe(0);
  });
  afterAll(() => real?.close());

  it('has the five git exercises', () => {
    expect(local.map((e) => e.id).sort()).toEqual([
      'git-feature-branch',
      'git-first-commits',
      'git-rebase-linear',
      'git-resolve-conflict',
      'git-tag-release',
    ]);
  });

  it.each(local.map((e) => [e.id, e] as const))(
    '%s: pull prepares the repository; untouched it fails verify, with the solution applied it passes',
    async (id, exercise) => {
      const work = mkdtempSync(join(tmpdir(), 'backpath-git-pull-'));
      const pull = await cli(['exercise', 'pull', id], { cwd: work, server: realServer });
      expect(pull.code, pull.out).toBe(0);
      expect(pull.out).toContain(`cd ${id}/practice`);
      expect(pull.out).toContain(`backpath verify ${id}`);
      expect(pull.out).toContain(`backpath verify ${id} --submit`);
      const dir = join(work, id);
      expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain(exercise.title);
      const repo = join(dir, 'practice');
      expect(existsSync(join(repo, '.git'))).toBe(true);
      expect(execFileSync('git', ['symbolic-ref', 'HEAD'], { cwd: repo }).toString().trim()).toBe('refs/heads/main');

      const untouched = await cli(['verify', id], { cwd: repo, server: realServer });
      expect(untouched.code, untouched.out).toBe(1);
      expect(untouched.out).toContain('✗');

      applySolution(repo, exercise.solution);
      const solved = await cli(['verify', id, '--submit'], { cwd: repo, server: realServer });
      expect(solved.out).toContain(`Recorded on ${realServer}: pass.`);
      expect(solved.code, solved.out).toBe(0);
    },
  );
});
