/** Plain advice for a grading that could not finish, so a limit or sandbox error never reads like a stack trace. */
import type { GradeResult } from '../../../lib/api-types.ts';

const ADVICE: Record<string, string> = {
  time_limit:
    'Your code ran out of time. Look for a loop that never ends or work that repeats for every row; each run has a couple of seconds.',
  memory_limit: 'Your code used too much memory. Avoid building very large arrays or strings, or unbounded recursion.',
  output_limit: 'Your code printed too much. Remove logging inside loops and print only what you need.',
  compile_error: 'The code could not be read. Check the line in the message below for a typo or a missing bracket.',
  runtime_error: 'Your code stopped with an error while running. The message below says where.',
  invalid_submission: 'This answer cannot be graded as it is. Read the message below and adjust it.',
  busy: 'The graders are busy right now. Wait a few seconds and run it again.',
  internal: 'Something went wrong on our side while grading. Try again; if it keeps happening, tell the site operator.',
};

/** The first lines of a message, without stack frames (lines starting with "at "). */
export function withoutStack(message: string): string {
  return message
    .split('\n')
    .filter((line) => !/^\s+at\s/.test(line))
    .join('\n')
    .trim();
}

export function adviceFor(result: Pick<GradeResult, 'status' | 'errorCode'>): string | undefined {
  if (result.status !== 'error') return undefined;
  return ADVICE[result.errorCode ?? 'internal'] ?? ADVICE.internal;
}
