/**
 * Builders for `GradeResult` shared by the engines in this package, so every engine summarises
 * and reports errors the same way.
 */
import { GRADE_RESULT_VERSION, type GradeErrorCode, type GradeResult, type TestCaseResult } from '@backpath/contracts';

export type Verdict = Omit<GradeResult, 'durationMs' | 'version'>;

export function errorVerdict(errorCode: GradeErrorCode, message: string, tests: TestCaseResult[] = []): Verdict {
  return { status: 'error', errorCode, message, tests };
}

/** Overall status and message from the ordered test cases. */
export function summarize(tests: TestCaseResult[], noun = 'check'): Verdict {
  const passed = tests.filter((t) => t.status === 'pass').length;
  const total = tests.length;
  const score = { passed, total };
  if (passed === total) {
    return { status: 'pass', message: `All ${total} ${noun}${total === 1 ? '' : 's'} passed.`, tests, score };
  }
  return { status: 'fail', message: `${passed} of ${total} ${noun}s passed.`, tests, score };
}

export function finish(verdict: Verdict, startedAt: number): GradeResult {
  return {
    version: GRADE_RESULT_VERSION,
    ...verdict,
    durationMs: Math.round((performance.now() - startedAt) * 100) / 100,
  };
}

/** Truncates captured text to `limit` bytes with a visible marker. */
export function truncate(text: string, limit: number): string {
  if (Buffer.byteLength(text) <= limit) return text;
  return `${Buffer.from(text).subarray(0, limit).toString('utf8')}\n… [output truncated at ${limit} bytes]`;
}

/** The checks a mode grades: `run` grades the visible ones (all, if every check is hidden). */
export function checksFor<C extends { hidden?: boolean }>(checks: C[], mode: 'run' | 'submit'): C[] {
  if (mode === 'submit') return checks;
  const visible = checks.filter((c) => !c.hidden);
  return visible.length > 0 ? visible : checks;
}
