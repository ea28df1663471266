/** The `local` (git) exercise the verify tests use, and a real repository to check it against. */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from './helpers.ts';

export const GIT_BRANCHING_EXERCISE = {
  id: 'git-branching',
  title: 'Branch and tag',
  kind: 'local',
  instructions: 'Create a feature branch and tag v1.',
  starter: '',
  local: {
    checks: [
      { name: 'a branch named feature exists', type: 'branch-exists', branch: 'feature' },
      { name: 'a tag v1 exists', type: 'tag-exists', tag: 'v1' },
    ],
  },
};

/** A repository with one commit on `main`; `git(...)` runs more git commands in it. */
export async function gitRepository(): Promise<{ dir: string; git: (...args: string[]) => void }> {
  const dir = await tempDir('backpath-repo-');
  const git = (...args: string[]) => {
    execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.test', ...args], { cwd: dir });
  };
  git('init', '-q', '-b', 'main');
  await writeFile(path.join(dir, 'notes.md'), 'hello\n');
  git('add', '.');
  git('commit', '-q', '-m', 'first');
  return { dir, git };
}
