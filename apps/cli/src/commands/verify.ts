/**
 * `backpath verify <exercise>`: checks a local git repository against a `local` exercise with real git
 * (through `verifyGitRepository` from @backpath/graders, the same checks the platform runs), prints what
 * is right and missing, and with `--submit` records the result on the server.
 */
import path from 'node:path';
import type { ExerciseOfKind } from '@backpath/contracts';
import type { Command } from 'commander';
import { ApiClient } from '../api-client.ts';
import { requireToken, resolveServer } from '../config.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { makeColors, println } from '../output.ts';
import { formatResult } from './print-result.ts';

type LocalSpec = ExerciseOfKind<'local'>['local'];

export function registerVerify(program: Command): void {
  program
    .command('verify <exercise>')
    .description('check a local git repository for a "local" exercise and print what is right and what is missing')
    .option('--dir <path>', 'the git repository to check', '.')
    .option('--submit', 'record the verified result on the server')
    .option('--server <url>', 'the Backpath server')
    .action(async (id: string, flags: { dir: string; submit?: boolean; server?: string }) => {
      const server = await resolveServer(flags.server);
      const client = new ApiClient(server, await requireToken(server));
      const exercise = await client.exercise(id);
      if (exercise.kind !== 'local' || typeof exercise.local !== 'object' || exercise.local === null) {
        throw new CliError(
          EXIT.usage,
          `${id} is a ${exercise.kind} exercise, not one verified on your machine.`,
          `Use \`backpath exercise pull ${id}\` instead.`,
        );
      }
      // Loaded on first use: most commands never need git verification or the config parsers.
      const { verifyGitRepository } = await import('@backpath/graders/learner-tools');
      const dir = path.resolve(flags.dir);
      const result = await verifyGitRepository(dir, exercise.local as LocalSpec);
      println(`Checking ${dir} for "${exercise.title}":`);
      for (const line of formatResult(result, makeColors())) println(line);
      if (flags.submit) {
        const queued = await client.submit(id, JSON.stringify(result), 'submit');
        const graded = await client.waitForGrade(queued);
        println(`Recorded on ${server}: ${graded.result?.status ?? graded.status}.`);
        process.exitCode = graded.result?.status === 'pass' ? EXIT.ok : EXIT.checksFailed;
        return;
      }
      if (result.status === 'pass') println('Run again with --submit to record it.');
      process.exitCode = result.status === 'pass' ? EXIT.ok : EXIT.checksFailed;
    });
}
