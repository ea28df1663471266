/** Builds the `backpath` command tree; `bin.ts` runs it and turns errors into exit codes. */
import { Command } from 'commander';
import { registerAuth } from './commands/auth.ts';
import { registerExercise } from './commands/exercise.ts';
import { registerProjectInit } from './commands/project-init.ts';
import { registerProjectTest } from './commands/project-test.ts';
import { registerStatus } from './commands/status.ts';
import { registerVerify } from './commands/verify.ts';
import { CLI_VERSION } from './version.ts';

const EXIT_CODES = `
Exit codes:
  0  success (all checks passed)
  1  checks failed (a test, a stage or a verification)
  2  usage error (bad flag, missing backpath.yml, unknown language)
  3  could not start or reach your server
  4  Backpath server or authentication error (not logged in, expired login, API error)
  5  internal error (a bug in backpath)
  130 interrupted (Ctrl-C); a server the tester started is stopped first`;

export function createProgram(): Command {
  const program = new Command('backpath')
    .description(
      'Backpath from your terminal: log in, pull and submit exercises, verify git work, and test your capstone project.',
    )
    .version(CLI_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXIT_CODES);
  program.configureOutput({ outputError: (str, write) => write(str) });
  program.exitOverride();
  registerAuth(program);
  registerStatus(program);
  registerExercise(program);
  registerVerify(program);
  const project = program
    .command('project')
    .description('the capstone project: create, test and submit your bookmarks API');
  registerProjectInit(project);
  registerProjectTest(project);
  return program;
}
