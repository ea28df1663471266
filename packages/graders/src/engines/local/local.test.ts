import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraders, type Graders } from '../../index.ts';
import { exercise } from '../../test-support.ts';
import { git } from './git.ts';
import { verifyGitRepository } from './verify.ts';

const feature = exercise(
  'local',
  'git switch -c feature/about\nwrite about.md About this project\ngit add about.md\ngit commit -m "Add about page"\ngit switch main\ngit merge feature/about\ngit tag -a v1.0 -m "Version 1"',
  {
    setup: [
      ['symbolic-ref', 'HEAD', 'refs/heads/main'],
      ['commit', '--allow-empty', '-m', 'Initial commit'],
    ],
    checks: [
      { name: 'branch exists', type: 'branch-exists', branch: 'feature/about' },
      { name: 'merged into main', type: 'branch-merged', branch: 'feature/about', into: 'main' },
      { name: 'two commits', type: 'commit-count-at-least', branch: 'main', count: 2 },
      { name: 'message', type: 'commit-message-matches', branch: 'main', pattern: '^Add about page' },
      { name: 'tagged', type: 'tag-exists', tag: 'v1.0' },
      { name: 'annotated', type: 'tag-annotated', tag: 'v1.0', pattern: '^Version 1' },
      { name: 'about page', type: 'file-contains', file: 'about.md', text: 'About this project', branch: 'main' },
      { name: 'no markers', type: 'no-conflict-markers' },
      { name: 'linear', type: 'linear-history', branch: 'main' },
      { name: 'clean', type: 'clean-working-tree', hidden: true },
    ],
  },
);

let graders: Graders;
beforeAll(() => {
  graders = createGraders({ sqlWorkers: 0, codeWorkers: 1 });
});
afterAll(() => graders.close());
const grade = (submission: string) => graders.grade(feature, submission, { mode: 'submit' });
const messageOf = async (submission: string, check: string) =>
  (await grade(submission)).tests.find((t) => t.name === check)?.message;

describe('local engine', () => {
  it('passes the reference script', async () => {
    const result = await grade(feature.solution);
    expect(result.status, JSON.stringify(result.tests)).toBe('pass');
  });

  it('fails each check type with an actionable message', async () => {
    expect(await messageOf('git commit --allow-empty -m "x"', 'branch exists')).toContain(
      'git switch -c feature/about',
    );
    expect(
      await messageOf(
        'git branch feature/about\ngit switch feature/about\ngit commit --allow-empty -m x',
        'merged into main',
      ),
    ).toContain('git merge feature/about');
    expect(await messageOf('git tag v1.0', 'two commits')).toContain('main has 1 commit; at least 2 expected');
    expect(await messageOf('git commit --allow-empty -m "wip"', 'message')).toContain('"wip" does not match');
    expect(await messageOf('git branch v2', 'tagged')).toContain('git tag v1.0');
    expect(await messageOf('git tag v1.0', 'annotated')).toContain('is a lightweight tag');
    expect(await messageOf('git tag -a v1.0 -m "Oops"', 'annotated')).toContain('"Oops" does not match');
    expect(
      await messageOf('write about.md Nothing here\ngit add about.md\ngit commit -m "Add about page"', 'about page'),
    ).toContain('does not contain "About this project"');
    const merge =
      'git switch -c feature/about\ngit commit --allow-empty -m f\ngit switch main\ngit commit --allow-empty -m m\ngit merge --no-edit feature/about';
    expect(await messageOf(merge, 'linear')).toContain('1 merge commit');
    expect(await messageOf('write notes.txt draft', 'clean')).toContain('notes.txt');
    expect(await messageOf('write conflict.txt <<<<<<< HEAD', 'no markers')).toContain('conflict markers');
  });

  it('refuses shells, network, config and escapes, then keeps working', async () => {
    const cases: [string, string][] = [
      ['git -c core.pager=evil log', 'options before it'],
      ['git config alias.x "!touch /tmp/pwned"', 'git config changes git configuration'],
      ['git clone https://example.com/x.git', 'reaches the network'],
      ['git push origin main', 'reaches the network'],
      ['git submodule add ../x', 'fetches other repositories'],
      ['git rebase --exec "touch /tmp/pwned" main', 'the option --exec is not allowed'],
      ['git fetch --upload-pack=touch x', 'reaches the network'],
      ['write ../../etc/x hacked', 'inside the repository'],
      ['write .git/hooks/post-commit #!/bin/sh', 'may not touch .git'],
      ['rm -rf /', 'only "git …" and "write'],
      ['git daemon', 'starts a server'],
      ['git config --file .git/config core.hooksPath /tmp', 'may not touch .git'],
      ['git config --file ../x.ini a.b c', 'inside the repository'],
    ];
    for (const [script, text] of cases) {
      const result = await grade(script);
      expect(result, script).toMatchObject({ status: 'error', errorCode: 'invalid_submission' });
      expect(result.message, script).toContain(text);
    }
    expect((await grade(feature.solution)).status).toBe('pass');
  });

  it('allows git config --file to write an INI file in the work tree', async () => {
    const result = await grade('git config --file about.md section.key "About this project"');
    expect(result.status).not.toBe('error');
    expect(result.tests.find((t) => t.name === 'clean')?.message).toContain('about.md');
  });

  it('cleans up its scratch repositories', async () => {
    const before = (await readdir(tmpdir())).filter((f) => f.startsWith('backpath-git-')).length;
    await grade(feature.solution);
    const after = (await readdir(tmpdir())).filter((f) => f.startsWith('backpath-git-')).length;
    expect(after).toBeLessThanOrEqual(before);
  });
});

describe('verifyGitRepository', () => {
  it('verifies an existing repository and refuses a plain folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bp-verify-'));
    try {
      expect((await verifyGitRepository(dir, feature.local)).errorCode).toBe('invalid_submission');
      await git(dir, ['init', '-q']);
      await git(dir, ['commit', '--allow-empty', '-m', 'Initial commit']);
      const result = await verifyGitRepository(dir, feature.local);
      expect(result.status).toBe('fail');
      expect(result.tests.find((t) => t.name === 'clean')?.status).toBe('pass');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
