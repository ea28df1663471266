#!/usr/bin/env node
/** The `backpath` executable: runs the command tree and maps every failure to a documented exit code. */
import { CommanderError } from 'commander';
import { CliError, EXIT } from './exit-codes.ts';
import { makeColors } from './output.ts';
import { createProgram } from './program.ts';

const colors = makeColors(process.stderr.isTTY && !process.env.NO_COLOR);

try {
  await createProgram().parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version "fail" with exit code 0; real usage errors become 2.
    process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else if (err instanceof CliError) {
    process.stderr.write(`${colors.red('Error:')} ${err.message}\n`);
    if (err.hint) process.stderr.write(`${colors.dim('Next:')} ${err.hint}\n`);
    process.exitCode = err.exitCode;
  } else {
    process.stderr.write(`${colors.red('Unexpected error:')} ${(err as Error)?.stack ?? String(err)}\n`);
    process.stderr.write('This is a bug in backpath; please report it with the command you ran.\n');
    process.exitCode = EXIT.internal;
  }
}
