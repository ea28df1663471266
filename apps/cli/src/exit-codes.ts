/** The exit codes scripts can rely on, and the one error type that carries them to `bin.ts`. */

export const EXIT = {
  ok: 0,
  checksFailed: 1,
  usage: 2,
  serverUnreachable: 3,
  apiError: 4,
  /** A bug in backpath itself. */
  internal: 5,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the user can act on: `hint` says what to do next. `bin.ts` prints it and exits with `exitCode`. */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;

  constructor(exitCode: ExitCode, message: string, hint?: string) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.hint = hint;
  }
}
