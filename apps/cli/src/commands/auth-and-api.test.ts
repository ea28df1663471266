/** login / whoami / status / logout / exercise pull+submit / project submit against a fake API over real HTTP. */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FAKE_TOKEN, type FakeApi, startFakeApi } from '../testing/fake-api.ts';
import { GIT_BRANCHING_EXERCISE, gitRepository } from '../testing/git-fixture.ts';
import { freePort, REPO_ROOT, runCli, tempDir } from '../testing/helpers.ts';

let api: FakeApi;
let home: string;
const env = () => ({ XDG_CONFIG_HOME: home, BACKPATH_POLL_SCALE: '0.01' });

beforeAll(async () => {
  api = await startFakeApi();
  home = await tempDir('backpath-home-');
});
afterAll(() => api.close());

describe('login, whoami, logout', () => {
  test('device login polls through authorization_pending and slow_down, then stores the token 0600 in a 0700 dir', async () => {
    api.deviceAnswers = ['authorization_pending', 'slow_down', 'ok'];
    const run = await runCli(['login', '--server', api.url], { env: env() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('enter the code WXYZ-1234');
    expect(run.stdout).toContain('Logged in to');
    expect(run.stdout).toContain('Ada <ada@example.test>');
    const dir = path.join(home, 'backpath');
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(dir, 'credentials.json'))).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(path.join(dir, 'credentials.json'), 'utf8'))).toMatchObject({
      server: api.url,
      token: FAKE_TOKEN,
    });
    expect(JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8'))).toEqual({ server: api.url });
    expect(api.requests.filter((r) => r.path === '/api/auth/device/token')).toHaveLength(3);
  });

  test('a denied device login exits 4 with a next step', async () => {
    api.deviceAnswers = ['access_denied'];
    const run = await runCli(['login', '--server', api.url], { env: { ...env(), XDG_CONFIG_HOME: await tempDir() } });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('The login was denied in the browser.');
  });

  test('a wrong --token is rejected (4) and nothing is saved', async () => {
    const other = await tempDir();
    const run = await runCli(['login', '--server', api.url, '--token', 'nope'], {
      env: { ...env(), XDG_CONFIG_HOME: other },
    });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('The server rejected this token.');
    await expect(stat(path.join(other, 'backpath', 'credentials.json'))).rejects.toThrow();
  });

  test('whoami and status use the saved server and token', async () => {
    const who = await runCli(['whoami'], { env: env() });
    expect(who.code).toBe(0);
    expect(who.stdout).toContain(`Ada <ada@example.test> (learner) on ${api.url}`);
    const status = await runCli(['status'], { env: env() });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('Overall: 3/10 (30%)');
    expect(status.stdout).toMatch(/2\. Databases\s+███░{17}\s+13%\s+1\/8/);
    expect(api.requests.at(-1)?.auth).toBe(`Bearer ${FAKE_TOKEN}`);
  });
});

describe('exercises', () => {
  test('pull writes README and starter; submit prints the verdict test by test and exits 1 on a failure', async () => {
    api.exercises['sql-select-names'] = {
      id: 'sql-select-names',
      title: 'Select names',
      kind: 'sql',
      instructions: 'List every name.',
      starter: '-- your query\n',
    };
    const work = await tempDir();
    const pull = await runCli(['exercise', 'pull', 'sql-select-names'], { env: env(), cwd: work });
    expect(pull.code).toBe(0);
    const dir = path.join(work, 'sql-select-names');
    expect(await readFile(path.join(dir, 'README.md'), 'utf8')).toBe('# Select names\n\nList every name.\n');
    expect(await readFile(path.join(dir, 'solution.sql'), 'utf8')).toBe('-- your query\n');
    expect((await runCli(['exercise', 'pull', 'sql-select-names'], { env: env(), cwd: work })).code).toBe(2);

    const fail = await runCli(['exercise', 'submit', '--dir', dir], { env: env() });
    expect(fail.code).toBe(1);
    expect(fail.stdout).toContain('✓ returns rows');
    expect(fail.stdout).toContain('✗ orders by name');
    expect(fail.stdout).toContain('expected: a, b');

    await writeFile(path.join(dir, 'solution.sql'), 'SELECT name FROM people ORDER BY name;\n');
    const pass = await runCli(['exercise', 'submit', '--dir', dir], { env: env() });
    expect(pass.code).toBe(0);
    expect(pass.stdout).toContain('PASS: 2/2 tests passed.');
    expect(api.requests.filter((r) => r.path === '/api/exercises/sql-select-names/submissions').at(-1)?.body).toEqual({
      code: 'SELECT name FROM people ORDER BY name;\n',
      mode: 'submit',
    });
    // The verdict came through the event stream: no polling.
    const waited = api.requests.filter((r) => r.path.startsWith('/api/submissions/')).map((r) => r.path);
    expect(waited.length).toBeGreaterThan(0);
    expect(waited.every((p) => p.endsWith('/events'))).toBe(true);
  });

  test('submit still prints the verdict when the event stream fails (it polls instead)', async () => {
    api.events = 'error';
    try {
      const work = await tempDir();
      const dir = path.join(work, 'sql-select-names');
      expect((await runCli(['exercise', 'pull', 'sql-select-names', '--dir', dir], { env: env() })).code).toBe(0);
      await writeFile(path.join(dir, 'solution.sql'), 'SELECT name FROM people ORDER BY name;\n');
      const before = api.requests.length;
      const pass = await runCli(['exercise', 'submit', '--dir', dir], { env: env() });
      expect(pass.stderr).toBe('');
      expect(pass.code).toBe(0);
      expect(pass.stdout).toContain('PASS: 2/2 tests passed.');
      const waited = api.requests.slice(before).filter((r) => r.path.startsWith('/api/submissions/'));
      expect(waited.some((r) => r.path.endsWith('/events'))).toBe(true);
      expect(waited.filter((r) => !r.path.endsWith('/events')).length).toBeGreaterThanOrEqual(2);
    } finally {
      api.events = 'stream';
    }
  });

  test('an unknown exercise exits 4 with the server message', async () => {
    const run = await runCli(['exercise', 'pull', 'no-such-thing'], { env: env(), cwd: await tempDir() });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('No such exercise.');
  });
});

describe('project submit', () => {
  test('runs the tester and posts the report', async () => {
    process.env.DATA_FILE = path.join(await tempDir(), 'b.json');
    const run = await runCli(
      [
        'project',
        'submit',
        '--stage',
        '1',
        '--seed',
        '5',
        '--port',
        String(await freePort()),
        '--dir',
        path.join(REPO_ROOT, 'examples/capstone/typescript'),
      ],
      { env: env() },
    );
    expect(run.stdout).toContain(`Report r1 recorded on ${api.url}: all stages passed.`);
    expect(run.code).toBe(0);
    const sent = api.requests.find((r) => r.path === '/api/projects/bookmarks-api/reports')?.body as {
      report: Record<string, unknown>;
    };
    expect(sent.report).toMatchObject({ project: 'bookmarks-api', seed: 5, targetStage: 1, passed: true });
    // Exchanges are reduced to request line and status, so reports stay small.
    expect((sent.report.stages as { checks: { exchanges: unknown[] }[] }[])[0]?.checks[0]?.exchanges).toEqual([
      { method: 'GET', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/health$/), status: 200 },
    ]);
  });

  test('logout revokes the token on the server, then deletes the credentials', async () => {
    const run = await runCli(['logout'], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`the token was revoked on ${api.url} and deleted from this computer`);
    expect(api.requests.at(-1)).toMatchObject({
      method: 'DELETE',
      path: '/api/tokens/current',
      auth: `Bearer ${FAKE_TOKEN}`,
    });
    expect((await runCli(['whoami'], { env: env() })).code).toBe(4);
    expect((await runCli(['logout'], { env: env() })).stdout).toContain('You were not logged in.');
  });

  test('logout with the server unreachable still deletes the file, and says how to revoke the token', async () => {
    const cfg = await tempDir();
    const dead = `http://127.0.0.1:${await freePort()}`;
    await mkdir(path.join(cfg, 'backpath'), { recursive: true });
    await writeFile(path.join(cfg, 'backpath', 'credentials.json'), JSON.stringify({ server: dead, token: 'bp_x' }));
    const run = await runCli(['logout'], { env: { XDG_CONFIG_HOME: cfg } });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain(`could NOT be revoked on ${dead}, so it still works there`);
    expect(run.stderr).toContain(`Could not reach the Backpath server at ${dead}`);
    expect(run.stderr).toContain(`Next: Revoke it in the web app: sign in at ${dead}/account`);
    expect(run.stderr).toContain('Account → API tokens');
    await expect(stat(path.join(cfg, 'backpath', 'credentials.json'))).rejects.toThrow();
  });
});

describe('verify', () => {
  test('checks a real git repository, prints right and missing, exits 1 then 0, and --submit records it', async () => {
    const cfg = await tempDir();
    const { dir: repo, git } = await gitRepository();
    api.exercises['git-branching'] = GIT_BRANCHING_EXERCISE;
    expect(
      (await runCli(['login', '--server', api.url, '--token', FAKE_TOKEN], { env: { XDG_CONFIG_HOME: cfg } })).code,
    ).toBe(0);
    const before = await runCli(['verify', 'git-branching', '--dir', repo], { env: { XDG_CONFIG_HOME: cfg } });
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('✗ a branch named feature exists');
    expect(before.stdout).toContain('There is no branch "feature"');
    expect(before.stdout).toContain('✗ a tag v1 exists');
    git('branch', 'feature');
    git('tag', 'v1');
    const after = await runCli(['verify', 'git-branching', '--dir', repo, '--submit'], {
      env: { XDG_CONFIG_HOME: cfg },
    });
    expect(after.stdout).toContain('✓ a branch named feature exists');
    expect(after.stdout).toContain('✓ a tag v1 exists');
    const sent = api.requests.filter((r) => r.path === '/api/exercises/git-branching/submissions').at(-1)?.body as {
      code: string;
      mode: string;
    };
    expect(sent.mode).toBe('submit');
    expect(JSON.parse(sent.code)).toMatchObject({ status: 'pass', tests: [{ status: 'pass' }, { status: 'pass' }] });
    expect(after.stdout).toContain(`Recorded on ${api.url}`);
  });

  test('pull of a git exercise: a prepared repository, never overwritten, and no setup step outside the allow-list', async () => {
    const cfg = await tempDir();
    const work = await tempDir();
    const local = (setup: string[][]) => ({
      kind: 'local',
      title: 'Tag it',
      instructions: 'Tag the latest commit v1.',
      starter: '',
      local: { setup, checks: [{ name: 'a tag v1 exists', type: 'tag-exists', tag: 'v1' }] },
    });
    api.exercises['git-tag'] = { id: 'git-tag', ...local([['commit', '--allow-empty', '-m', 'Initial "one"']]) };
    api.exercises['git-evil'] = {
      id: 'git-evil',
      ...local([
        ['commit', '--allow-empty', '-m', 'x'],
        ['config', 'core.fsmonitor', 'touch pwned'],
      ]),
    };
    const opts = { env: { XDG_CONFIG_HOME: cfg }, cwd: work };
    expect((await runCli(['login', '--server', api.url, '--token', FAKE_TOKEN], opts)).code).toBe(0);

    const pull = await runCli(['exercise', 'pull', 'git-tag'], opts);
    expect(pull.stderr).toBe('');
    expect(pull.code).toBe(0);
    expect(pull.stdout).toContain('prepared the practice repository in git-tag/practice/ (on branch main)');
    expect(pull.stdout).toContain('cd git-tag/practice\n');
    const repo = path.join(work, 'git-tag', 'practice');
    const { execFileSync } = await import('node:child_process');
    expect(execFileSync('git', ['log', '--format=%s'], { cwd: repo }).toString()).toBe('Initial "one"\n');
    expect(await readFile(path.join(work, 'git-tag', 'README.md'), 'utf8')).toBe(
      '# Tag it\n\nTag the latest commit v1.\n',
    );
    const again = await runCli(['exercise', 'pull', 'git-tag'], opts);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('not overwriting your work');
    const submit = await runCli(['exercise', 'submit', '--dir', 'git-tag'], opts);
    expect(submit.code).toBe(2);
    expect(submit.stderr).toContain('backpath verify git-tag --submit');

    const evil = await runCli(['exercise', 'pull', 'git-evil'], opts);
    expect(evil.code).toBe(4);
    expect(evil.stderr).toContain('git config changes git configuration');
    await expect(stat(path.join(work, 'git-evil', 'practice'))).rejects.toThrow();
  });

  test('refuses an exercise that is not a local one, pointing at exercise pull (2)', async () => {
    const cfg = await tempDir();
    api.exercises['sql-only'] = { id: 'sql-only', title: 'SQL', kind: 'sql', instructions: 'x', starter: '' };
    expect(
      (await runCli(['login', '--server', api.url, '--token', FAKE_TOKEN], { env: { XDG_CONFIG_HOME: cfg } })).code,
    ).toBe(0);
    const run = await runCli(['verify', 'sql-only'], { env: { XDG_CONFIG_HOME: cfg } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('sql-only is a sql exercise');
    expect(run.stderr).toContain('backpath exercise pull sql-only');
  });
});
