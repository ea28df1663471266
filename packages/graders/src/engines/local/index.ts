/**
 * The `local` engine for the content check and in-browser practice: builds a scratch repository
 * from `spec.setup`, replays the learner's script without a shell, then verifies it.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { GradeResult } from '@backpath/contracts';
import type { Engine } from '../../engine.ts';
import { errorVerdict, finish, truncate } from '../../results.ts';
import { git } from './git.ts';
import { parseScript, ScriptError, vetPath } from './script.ts';
import { verifyGitRepository } from './verify.ts';

/** Each git step is a process start (tens of ms, far more on a loaded host), so a script gets at least this long. */
const MIN_TIME_MS = 10_000;

export function createLocalEngine(): Engine<'local'> {
  return {
    kind: 'local',
    async grade(exercise, submission, options): Promise<GradeResult> {
      const startedAt = performance.now();
      const limitMs = Math.max(options.limits.timeMs, MIN_TIME_MS);
      let deadline = Number.POSITIVE_INFINITY;
      const left = () => deadline - Date.now();
      const dir = await mkdtemp(join(tmpdir(), 'backpath-git-'));
      try {
        let steps: ReturnType<typeof parseScript>;
        try {
          steps = parseScript(submission, dir);
        } catch (err) {
          if (err instanceof ScriptError) return finish(errorVerdict('invalid_submission', err.message), startedAt);
          throw err;
        }
        const init = await git(dir, ['init', '-q']);
        if (init.code !== 0) return finish(errorVerdict('internal', `git init failed: ${init.stderr}`), startedAt);
        // Setup steps are the author's, trusted, and not counted against the learner's time.
        for (const args of exercise.local.setup ?? []) {
          const r = await git(dir, args, 10_000);
          if (r.code !== 0)
            return finish(
              errorVerdict('internal', `Exercise setup "git ${args.join(' ')}" failed: ${r.stderr.trim()}`),
              startedAt,
            );
        }
        deadline = Date.now() + limitMs;
        const output: string[] = [];
        const timeUp = (line: number) =>
          finish(
            errorVerdict(
              'time_limit',
              `Line ${line}: the script did not finish within the ${limitMs / 1000} s time limit.`,
            ),
            startedAt,
          );
        for (const step of steps) {
          if (left() <= 0) return timeUp(step.line);
          if (step.kind === 'write') {
            const target = vetPath(dir, step.path, step.line);
            await mkdir(dirname(target), { recursive: true });
            await writeFile(target, `${step.text}\n`);
            continue;
          }
          const r = await git(dir, step.args, left());
          if (r.timedOut || left() <= 0) return timeUp(step.line);
          output.push(`$ git ${step.args.join(' ')}\n${r.stdout}${r.stderr}`.trim());
        }
        const result = await verifyGitRepository(dir, exercise.local, options.mode);
        const log = truncate(output.join('\n'), options.limits.outputBytes);
        const tests = result.tests.map((t, i) => (i === 0 && !t.hidden ? { ...t, output: log } : t));
        return { ...result, tests, durationMs: Math.round(performance.now() - startedAt) };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    close: async () => {},
  };
}
