/**
 * Runs real `git` without a shell, with system and global config ignored, hooks disabled, a fixed
 * identity and a deadline, so a learner's repository cannot make the grader run programs.
 */
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

const ENV: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: tmpdir(),
  LANG: 'C',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
  GIT_EDITOR: 'true',
  GIT_SEQUENCE_EDITOR: 'true',
  GIT_PAGER: 'cat',
  GIT_AUTHOR_NAME: 'Backpath Learner',
  GIT_AUTHOR_EMAIL: 'learner@backpath.invalid',
  GIT_COMMITTER_NAME: 'Backpath Learner',
  GIT_COMMITTER_EMAIL: 'learner@backpath.invalid',
};

/** Options the grader itself always sets: no hooks, no fsmonitor, no pager, default branch main. */
const SAFE = [
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.pager=cat',
  '-c',
  'init.defaultBranch=main',
  '-c',
  'protocol.allow=never',
];

export function git(cwd: string, args: string[], timeoutMs = 5000): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile(
      'git',
      [...SAFE, ...args],
      { cwd, env: ENV, timeout: Math.max(1, timeoutMs), maxBuffer: 4 * 1024 * 1024, killSignal: 'SIGKILL' },
      (err, stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean }) | null;
        resolve({
          code: e ? (typeof e.code === 'number' ? e.code : 1) : 0,
          stdout: String(stdout),
          stderr: String(stderr),
          timedOut: Boolean(e?.killed),
        });
      },
    );
  });
}
