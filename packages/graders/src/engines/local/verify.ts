/**
 * `verifyGitRepository(dir, spec)`: checks a git repository's state with real git. The CLI calls it
 * on the learner's own repository (`backpath verify`); the local engine calls it on a scratch repo.
 */
import { readFile } from 'node:fs/promises';
import type { ExerciseOfKind, GradeResult, TestCaseResult } from '@backpath/contracts';
import type { GradeMode } from '../../engine.ts';
import { checksFor, errorVerdict, finish, summarize } from '../../results.ts';
import { git } from './git.ts';
import { vetPath } from './script.ts';

type LocalSpec = ExerciseOfKind<'local'>['local'];
type Check = LocalSpec['checks'][number];

const CONFLICT = /^(<{7}|>{7})( |$)|^={7}$/m;

async function refExists(dir: string, ref: string): Promise<boolean> {
  return (await git(dir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).code === 0;
}

async function fileText(dir: string, file: string, branch?: string): Promise<string | undefined> {
  if (branch) {
    const r = await git(dir, ['show', `refs/heads/${branch}:${file}`]);
    return r.code === 0 ? r.stdout : undefined;
  }
  try {
    return await readFile(vetPath(dir, file, 0), 'utf8');
  } catch {
    return undefined;
  }
}

/** Returns a failure message, or undefined when the check passes. */
async function runCheck(dir: string, c: Check): Promise<string | undefined> {
  const branch = c.branch;
  const tip = branch ? `refs/heads/${branch}` : 'HEAD';
  if (branch && c.type !== 'branch-exists' && !(await refExists(dir, tip)))
    return `There is no branch "${branch}". Create it with git switch -c ${branch}.`;
  switch (c.type) {
    case 'branch-exists':
      return (await refExists(dir, `refs/heads/${branch}`))
        ? undefined
        : `There is no branch "${branch}". Create it with git switch -c ${branch} (or git branch ${branch}).`;
    case 'branch-merged': {
      const into = c.into ?? 'main';
      if (!(await refExists(dir, `refs/heads/${into}`))) return `There is no branch "${into}".`;
      const r = await git(dir, ['merge-base', '--is-ancestor', tip, `refs/heads/${into}`]);
      return r.code === 0
        ? undefined
        : `"${branch}" is not merged into "${into}" yet. Switch to ${into} and run git merge ${branch} (or rebase it onto ${into}).`;
    }
    case 'commit-count-at-least': {
      if (!(await refExists(dir, tip)))
        return 'The repository has no commits yet. Stage files with git add and run git commit.';
      const n = Number((await git(dir, ['rev-list', '--count', tip])).stdout.trim());
      return n >= (c.count ?? 1)
        ? undefined
        : `${branch ?? 'The current branch'} has ${n} commit${n === 1 ? '' : 's'}; at least ${c.count} expected. Commit your work in separate steps.`;
    }
    case 'commit-message-matches': {
      if (!(await refExists(dir, tip))) return 'The repository has no commits yet.';
      const message = (await git(dir, ['log', '-1', '--format=%B', tip])).stdout.trim();
      let re: RegExp;
      try {
        re = new RegExp(c.pattern ?? '', 'm');
      } catch {
        return 'This check has an invalid pattern.';
      }
      return re.test(message)
        ? undefined
        : `The latest commit's message "${message.split('\n')[0]}" does not match what the exercise asks for. Amend it with git commit --amend -m "…" if it is your latest commit.`;
    }
    case 'tag-exists':
      return (await refExists(dir, `refs/tags/${c.tag}`))
        ? undefined
        : `There is no tag "${c.tag}". Create it with git tag ${c.tag} (or git tag -a ${c.tag} -m "…").`;
    case 'tag-annotated': {
      // An annotated tag is an object of its own (author, date, message); a lightweight tag is a bare
      // pointer to a commit, which release tooling and `git describe` treat differently.
      const ref = `refs/tags/${c.tag}`;
      if (!(await refExists(dir, ref))) return `There is no tag "${c.tag}". Create it with git tag -a ${c.tag} -m "…".`;
      const type = (await git(dir, ['cat-file', '-t', ref])).stdout.trim();
      if (type !== 'tag') {
        return `The tag "${c.tag}" is a lightweight tag; this one must be annotated. Replace it with git tag -a -f ${c.tag} -m "…".`;
      }
      if (!c.pattern) return undefined;
      const message = (await git(dir, ['tag', '-l', '--format=%(contents)', c.tag ?? ''])).stdout.trim();
      let re: RegExp;
      try {
        re = new RegExp(c.pattern, 'm');
      } catch {
        return 'This check has an invalid pattern.';
      }
      return re.test(message)
        ? undefined
        : `The tag's message "${message.split('\n')[0]}" does not match what the exercise asks for. Replace it with git tag -a -f ${c.tag} -m "…".`;
    }
    case 'file-contains': {
      const text = await fileText(dir, c.file ?? '', branch);
      if (text === undefined) return `The file ${c.file} does not exist${branch ? ` on ${branch}` : ''}.`;
      return text.includes(c.text ?? '') ? undefined : `${c.file} does not contain "${c.text}" yet.`;
    }
    case 'no-conflict-markers': {
      const files = c.file
        ? [c.file]
        : (await git(dir, ['ls-files', '--cached', '--others', '--exclude-standard'])).stdout
            .split('\n')
            .filter(Boolean);
      for (const file of files) {
        const text = await fileText(dir, file);
        if (text && CONFLICT.test(text))
          return `${file} still has conflict markers (<<<<<<<, =======, >>>>>>>). Edit the file to the final content, delete the markers, then git add it.`;
      }
      return undefined;
    }
    case 'linear-history': {
      if (!(await refExists(dir, tip))) return 'The repository has no commits yet.';
      const merges = Number((await git(dir, ['rev-list', '--merges', '--count', tip])).stdout.trim());
      return merges === 0
        ? undefined
        : `${branch ?? 'The branch'} has ${merges} merge commit${merges === 1 ? '' : 's'}; the history must be linear. Use git rebase instead of git merge (or git merge --ff-only).`;
    }
    case 'clean-working-tree': {
      const status = (await git(dir, ['status', '--porcelain'])).stdout.trim();
      return status === ''
        ? undefined
        : `There are uncommitted changes:\n${status.split('\n').slice(0, 5).join('\n')}\nCommit them (git add, git commit) or remove them.`;
    }
  }
}

export async function verifyGitRepository(
  dir: string,
  spec: LocalSpec,
  mode: GradeMode = 'submit',
): Promise<GradeResult> {
  const startedAt = performance.now();
  const inside = await git(dir, ['rev-parse', '--is-inside-work-tree']);
  if (inside.code !== 0 || inside.stdout.trim() !== 'true') {
    return finish(
      errorVerdict(
        'invalid_submission',
        `${dir} is not a git repository. Run this inside the practice repository (or git init one).`,
      ),
      startedAt,
    );
  }
  const tests: TestCaseResult[] = [];
  for (const check of checksFor(spec.checks, mode)) {
    const message = await runCheck(dir, check);
    const hidden = check.hidden ?? false;
    tests.push({ name: check.name, hidden, status: message ? 'fail' : 'pass', ...(message ? { message } : {}) });
  }
  return finish(summarize(tests), startedAt);
}
