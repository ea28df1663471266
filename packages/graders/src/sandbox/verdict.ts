/** Builds `GradeResult`s the same way for every sandboxed engine (summaries, limit errors, hidden cases). */
import {
  GRADE_RESULT_VERSION,
  type GradeErrorCode,
  type GradeLimits,
  type GradeResult,
  type TestCaseResult,
} from '@backpath/contracts';
import type { Failure } from './failure.ts';

/** What a sandbox worker returns for one grading. */
export interface SandboxGrade {
  result: GradeResult;
  /** The worker's WASM heap grew to its limit or was left in a doubtful state: replace the worker. */
  recycle: boolean;
}

export function elapsed(start: number): number {
  return Math.round((performance.now() - start) * 100) / 100;
}

export function errorResult(
  errorCode: GradeErrorCode,
  message: string,
  tests: TestCaseResult[],
  start: number,
): GradeResult {
  return { version: GRADE_RESULT_VERSION, status: 'error', errorCode, message, tests, durationMs: elapsed(start) };
}

/** Pass when every case passed; otherwise a fail that says how many passed. */
export function summaryResult(tests: TestCaseResult[], start: number, noun = 'check'): GradeResult {
  const passed = tests.filter((t) => t.status === 'pass').length;
  const all = passed === tests.length;
  const plural = tests.length === 1 ? noun : `${noun}s`;
  const message = all ? `All ${tests.length} ${plural} passed.` : `${passed} of ${tests.length} ${plural} passed.`;
  return {
    version: GRADE_RESULT_VERSION,
    status: all ? 'pass' : 'fail',
    message,
    tests,
    durationMs: elapsed(start),
  };
}

/** A hidden case says only whether it passed: no inputs, expectations, output or error text. */
export function hiddenCase(name: string, passed: boolean): TestCaseResult {
  return passed
    ? { name, status: 'pass', hidden: true }
    : {
        name,
        status: 'fail',
        hidden: true,
        message: 'This hidden check failed. Re-read the instructions for edge cases.',
      };
}

const LIMIT_CODES = { time_limit: 'time_limit', memory_limit: 'memory_limit', output_limit: 'output_limit' } as const;

/** The top-level error for a run that hit a resource limit. */
export function limitResult(
  failure: Failure,
  limits: GradeLimits,
  tests: TestCaseResult[],
  start: number,
): GradeResult {
  const code = LIMIT_CODES[failure.kind as keyof typeof LIMIT_CODES] ?? 'internal';
  return errorResult(code, limitMessage(code, limits), tests, start);
}

export function limitMessage(code: GradeErrorCode, limits: GradeLimits): string {
  if (code === 'time_limit') {
    return `Time limit exceeded: your code ran longer than ${limits.timeMs} ms. Look for a loop that never ends or a promise that never resolves.`;
  }
  if (code === 'memory_limit') {
    const mb = Math.round(limits.memoryBytes / (1024 * 1024));
    return `Memory limit exceeded: your code used more than ${mb} MB. Look for an array or string that keeps growing.`;
  }
  if (code === 'output_limit') {
    const kb = Math.round(limits.outputBytes / 1024);
    return `Output limit exceeded: your code printed far more than ${kb} KB. Remove console.log calls inside loops.`;
  }
  return 'The grader failed unexpectedly. Please try again.';
}

/** Keeps display strings short enough for a message line. */
export function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
