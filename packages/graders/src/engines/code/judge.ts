/** Turns one call's outcome into a pass/fail with a message a beginner can act on. */
import type { TestStatus } from '@backpath/contracts';
import { describeFailure, type Failure } from '../../sandbox/failure.ts';
import { type CompareOptions, type Copied, compareValues, describeType, formatValue } from '../../sandbox/values.ts';

/** The call returned normally with this (copied) value. */
export interface Verdict {
  returned: Copied;
}

export interface Judged {
  status: TestStatus;
  message?: string;
  expected: string;
  actual?: string;
}

export function judgeReturn(
  call: string,
  expected: unknown,
  outcome: Verdict | Failure,
  options: CompareOptions,
): Judged {
  const expectedText = formatValue(expected);
  if (!('returned' in outcome)) {
    return { status: 'error', message: failureMessage(call, outcome), expected: expectedText };
  }
  const actual = outcome.returned;
  const actualText = formatValue(actual);
  const mismatch = compareValues(actual, expected, options);
  if (!mismatch) return { status: 'pass', expected: expectedText, actual: actualText };
  const order = options.unordered && Array.isArray(expected) ? ' (in any order)' : '';
  let message: string;
  if (mismatch.path === '') {
    const typesDiffer = describeType(actual) !== describeType(expected);
    message = typesDiffer
      ? `${call} returned ${actualText} (${describeType(actual)}), expected ${expectedText} (${describeType(expected)}).`
      : `${call} returned ${actualText}, expected ${expectedText}${order}.`;
    if (actual === undefined) message += ' Did you forget to `return` the result?';
  } else {
    const where = mismatch.path.replace(/^\./, '');
    const detail =
      mismatch.expected === undefined
        ? `it has an extra \`${where}\` that should not be there`
        : mismatch.actual === undefined
          ? `\`${where}\` is missing (expected ${formatValue(mismatch.expected)})`
          : `at \`${where}\` it has ${formatValue(mismatch.actual)}, expected ${formatValue(mismatch.expected)}`;
    message = `${call} returned ${actualText}, expected ${expectedText}${order}: ${detail}.`;
  }
  return { status: 'fail', message, expected: expectedText, actual: actualText };
}

export function judgeThrow(call: string, expected: unknown, outcome: Verdict | Failure): Judged {
  const wanted = typeof expected === 'string' && expected.length > 0 ? expected : undefined;
  const expectedText = wanted ? `an error containing ${JSON.stringify(wanted)}` : 'an error';
  if ('returned' in outcome) {
    return {
      status: 'fail',
      message: `${call} returned ${formatValue(outcome.returned)}, but it should throw ${expectedText}.`,
      expected: expectedText,
      actual: formatValue(outcome.returned),
    };
  }
  if (outcome.kind !== 'thrown')
    return { status: 'error', message: failureMessage(call, outcome), expected: expectedText };
  if (!wanted || outcome.message.includes(wanted)) return { status: 'pass', expected: expectedText };
  return {
    status: 'fail',
    message: `${call} threw ${JSON.stringify(outcome.message)}, but the message should contain ${JSON.stringify(wanted)}.`,
    expected: expectedText,
    actual: `${outcome.name || 'Error'}: ${outcome.message}`,
  };
}

/** Why a call produced no value, phrased for the learner. */
export function failureMessage(call: string, failure: Failure): string {
  switch (failure.kind) {
    case 'stack_overflow':
      return `${call} recursed too deeply (stack overflow). Check that your recursion has a base case that is reached.`;
    case 'never_settled':
      return `${call} returned a promise that never settled: make sure every path calls resolve or reject (or returns).`;
    case 'unreadable':
      return `${call} returned a value that could not be read: ${failure.message} Return plain data (numbers, strings, arrays, objects).`;
    default:
      return `${call} threw an error: ${describeFailure(failure)}.`;
  }
}
