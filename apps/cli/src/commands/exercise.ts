/** `backpath exercise pull <id>` writes an exercise folder; `backpath exercise submit` grades it. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { ApiClient } from '../api-client.ts';
import { requireToken, resolveServer } from '../config.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { makeColors, println } from '../output.ts';
import { type ExerciseMeta, META_FILE, readMeta, starterFileName } from './exercise-files.ts';
import { PRACTICE_DIR, pullLocalExercise } from './exercise-local.ts';
import { formatResult } from './print-result.ts';

export function registerExercise(program: Command): void {
  const exercise = program.command('exercise').description('work on exercises in your own editor');

  exercise
    .command('pull <id>')
    .description(
      "write the exercise's instructions (README.md) and starter file into a folder; for a git exercise, a prepared practice repository",
    )
    .option('--dir <path>', 'where to write it (default: ./<id>)')
    .option('--force', 'overwrite an existing starter file (or practice repository)')
    .option('--server <url>', 'the Backpath server')
    .action(async (id: string, flags: { dir?: string; force?: boolean; server?: string }) => {
      const server = await resolveServer(flags.server);
      const ex = await new ApiClient(server, await requireToken(server)).exercise(id);
      const dir = path.resolve(flags.dir ?? id);
      if (ex.kind === 'local') return pullLocalExercise(ex, dir, { force: flags.force, server });
      const file = starterFileName(ex);
      await mkdir(dir, { recursive: true });
      const target = path.join(dir, file);
      const exists = await readFile(target, 'utf8').then(
        () => true,
        () => false,
      );
      if (exists && !flags.force) {
        throw new CliError(
          EXIT.usage,
          `${target} already exists; not overwriting your work.`,
          'Pass --force to replace it with the starter.',
        );
      }
      await writeFile(path.join(dir, 'README.md'), `# ${ex.title}\n\n${ex.instructions}\n`);
      await writeFile(target, ex.starter);
      const meta: ExerciseMeta = { id: ex.id, kind: ex.kind, file, server };
      await writeFile(path.join(dir, META_FILE), `${JSON.stringify(meta, null, 2)}\n`);
      println(`Wrote ${path.relative(process.cwd(), dir) || '.'}/README.md and ${file}.`);
      println(`Edit ${file}, then run: backpath exercise submit --dir ${path.relative(process.cwd(), dir) || '.'}`);
    });

  exercise
    .command('submit')
    .description('send the exercise file in this folder for grading and print the verdict test by test')
    .option('--dir <path>', 'the exercise folder', '.')
    .option('--run', 'grade the visible checks only (like the Run button)')
    .option('--server <url>', 'the Backpath server')
    .action(async (flags: { dir: string; run?: boolean; server?: string }) => {
      const dir = path.resolve(flags.dir);
      const meta = await readMeta(dir);
      if (meta.kind === 'local') {
        throw new CliError(
          EXIT.usage,
          `${meta.id} is a git exercise: it is checked in your repository, not submitted as a file.`,
          `Run \`backpath verify ${meta.id} --submit\` inside ${path.join(dir, PRACTICE_DIR)}.`,
        );
      }
      const server = await resolveServer(flags.server ?? meta.server);
      const client = new ApiClient(server, await requireToken(server));
      const code = await readFile(path.join(dir, meta.file), 'utf8').catch(() => {
        throw new CliError(EXIT.usage, `${meta.file} is missing from ${dir}.`, 'Pull the exercise again with --force.');
      });
      const queued = await client.submit(meta.id, code, flags.run ? 'run' : 'submit');
      const graded = await client.waitForGrade(queued);
      if (!graded.result) throw new CliError(EXIT.apiError, 'The server graded the submission but sent no result.');
      for (const line of formatResult(graded.result, makeColors())) println(line);
      process.exitCode = graded.result.status === 'pass' ? EXIT.ok : EXIT.checksFailed;
    });
}
