/**
 * `local` exercises are done in the learner's own git repository and checked there by
 * `backpath verify`, which submits its verdict as JSON. The server cannot see that repository, so
 * it accepts the report only when it is well-formed and names exactly this exercise's checks, and
 * recomputes the overall status from them. A submission that is not a report is treated as a
 * command script and replayed by the `local` engine in a scratch repository.
 */
import { type Exercise, GRADE_RESULT_VERSION, GradeResult } from '@backpath/contracts';
import { Value } from 'typebox/value';

export function localReportVerdict(exercise: Exercise, submission: string): GradeResult | undefined {
  if (exercise.kind !== 'local' || !submission.trimStart().startsWith('{')) return undefined;
  let report: unknown;
  try {
    report = JSON.parse(submission);
  } catch {
    return undefined;
  }
  const started = performance.now();
  const refuse = (message: string): GradeResult => ({
    version: GRADE_RESULT_VERSION,
    status: 'error',
    errorCode: 'invalid_submission',
    message,
    tests: [],
    durationMs: performance.now() - started,
  });
  if (!Value.Check(GradeResult, report)) {
    return refuse(
      'This is not a report from `backpath verify`. Run `backpath verify <exercise> --submit` in your repository.',
    );
  }
  const expected = exercise.local.checks.map((c) => c.name);
  const names = report.tests.map((t) => t.name);
  if (names.length !== expected.length || expected.some((n) => !names.includes(n))) {
    return refuse('The report does not match this exercise’s checks. Update the CLI and run `backpath verify` again.');
  }
  const passed = report.tests.filter((t) => t.status === 'pass').length;
  const status = passed === expected.length ? 'pass' : 'fail';
  return {
    ...report,
    status,
    message: `${passed} of ${expected.length} checks passed in your repository (verified by backpath verify).`,
    score: { passed, total: expected.length },
  };
}
