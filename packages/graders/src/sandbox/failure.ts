/** Why a piece of guest code did not produce a value, classified so engines can phrase verdicts. */

export type FailureKind =
  | 'time_limit'
  | 'memory_limit'
  | 'output_limit'
  | 'stack_overflow'
  | 'never_settled'
  | 'unreadable'
  | 'thrown';

export interface Failure {
  kind: FailureKind;
  /** The guest error's name (e.g. `TypeError`), empty when a non-Error value was thrown. */
  name: string;
  message: string;
  /** 1-based line in the learner's source, when known. */
  line?: number;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure };

/** Failures that end the whole grading run rather than one check. */
export function isLimitFailure(failure: Failure): boolean {
  return failure.kind === 'time_limit' || failure.kind === 'memory_limit' || failure.kind === 'output_limit';
}

/** `TypeError: x is not a function (line 3)` — the thrown error as a learner would read it. */
export function describeFailure(failure: Failure): string {
  const head = failure.name ? `${failure.name}: ${failure.message}` : failure.message;
  return failure.line ? `${head} (line ${failure.line})` : head;
}

export function classify(name: string, message: string, line: number | undefined): Failure {
  if (name === 'InternalError' && message === 'interrupted') return { kind: 'time_limit', name, message };
  if (name === 'InternalError' && message === 'out of memory') return { kind: 'memory_limit', name, message };
  if (message === 'stack overflow' || message === 'Maximum call stack size exceeded') {
    return { kind: 'stack_overflow', name, message, line };
  }
  if (name === 'InternalError' && message === 'string too long') return { kind: 'memory_limit', name, message };
  return { kind: 'thrown', name, message, line };
}

/** The first `file:line` of the learner's file in a guest stack trace. */
export function lineFromStack(stack: string, filename: string): number | undefined {
  const escaped = filename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}:(\\d+)`).exec(stack);
  return match ? Number(match[1]) : undefined;
}
