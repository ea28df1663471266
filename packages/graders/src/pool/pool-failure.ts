/** Turns a pool failure (timeout, crash, memory, busy) into the verdict a learner sees. */
import { errorVerdict, type Verdict } from '../results.ts';

export function poolFailure(
  reason: 'timeout' | 'crashed' | 'busy' | 'memory',
  message: string,
  timeMs: number,
): Verdict {
  switch (reason) {
    case 'timeout':
      return errorVerdict(
        'time_limit',
        `Your submission ran longer than the ${timeMs / 1000} s time limit and was stopped. Look for work that never ends: a recursive query without a stopping condition, a huge generate_series, a join without a condition, a loop, a sleep, or a pattern that backtracks endlessly.`,
      );
    case 'memory':
      return errorVerdict('memory_limit', 'Your submission used more memory than allowed and was stopped.');
    case 'busy':
      return errorVerdict('busy', 'The grader is busy right now. Please retry in a few seconds.');
    default:
      return errorVerdict('internal', `The grader failed while running your submission: ${message}`);
  }
}
