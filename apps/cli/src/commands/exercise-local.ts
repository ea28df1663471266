/**
 * `backpath exercise pull` for a `local` (git) exercise: the folder gets README.md with the
 * instructions and `practice/`, a git repository built from the exercise's setup steps by
 * `prepareRepository` from @backpath/graders (allow-listed git steps, no shell, no hooks).
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PublicExercise } from '../api-client.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { println } from '../output.ts';
import { type ExerciseMeta, META_FILE } from './exercise-files.ts';

/** The repository's folder name, as the instructions' "build it by hand" commands call it. */
export const PRACTICE_DIR = 'practice';

const shellPath = (p: string) => (/^[\w./-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`);

export async function pullLocalExercise(
  ex: PublicExercise,
  dir: string,
  opts: { force?: boolean; server: string },
): Promise<void> {
  const setup = (ex.local as { setup?: string[][] } | undefined)?.setup ?? [];
  const repo = path.join(dir, PRACTICE_DIR);
  const existing = await readdir(repo).catch(() => undefined);
  if (existing && !opts.force) {
    throw new CliError(
      EXIT.usage,
      `${repo} already exists; not overwriting your work.`,
      'Pass --force to replace it with a freshly prepared repository (your changes there are lost).',
    );
  }
  await rm(repo, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'README.md'), `# ${ex.title}\n\n${ex.instructions}\n`);
  const meta: ExerciseMeta = { id: ex.id, kind: ex.kind, file: PRACTICE_DIR, server: opts.server };
  await writeFile(path.join(dir, META_FILE), `${JSON.stringify(meta, null, 2)}\n`);
  if (setup.length > 0) {
    await mkdir(repo);
    // Loaded on first use: most commands never need git verification or the config parsers.
    const { prepareRepository } = await import('@backpath/graders/learner-tools');
    try {
      await prepareRepository(repo, setup);
    } catch (err) {
      await rm(repo, { recursive: true, force: true });
      throw new CliError(
        EXIT.apiError,
        `Could not prepare the practice repository for ${ex.id}: ${(err as Error).message}`,
        'Check that git is installed (`git --version`); otherwise build the repository by hand as README.md describes.',
      );
    }
  }

  const rel = path.relative(process.cwd(), dir) || '.';
  const relRepo = path.join(rel, PRACTICE_DIR);
  println(
    setup.length > 0
      ? `Wrote ${rel}/README.md and prepared the practice repository in ${relRepo}/ (on branch ${await currentBranch(repo)}).`
      : `Wrote ${rel}/README.md. This exercise starts from a repository you create, as README.md describes.`,
  );
  println('Next:');
  println(
    setup.length > 0
      ? `  cd ${shellPath(relRepo)}`
      : `  cd ${shellPath(rel)} && git init ${PRACTICE_DIR} && cd ${PRACTICE_DIR}`,
  );
  println(`  # do the steps in ../README.md (git status and git log --oneline --graph --all show where you are)`);
  println(`  backpath verify ${ex.id}             # shows what is right and what is missing`);
  println(`  backpath verify ${ex.id} --submit    # records it once everything passes`);
}

async function currentBranch(repo: string): Promise<string> {
  const head = await readFile(path.join(repo, '.git', 'HEAD'), 'utf8').catch(() => '');
  return /^ref: refs\/heads\/(.+)$/m.exec(head)?.[1] ?? 'a detached HEAD';
}
