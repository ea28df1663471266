/** The `config` engine's grading: one test per check, each applying its named rule. */
import type { ExerciseOfKind, TestCaseResult } from '@backpath/contracts';
import type { GradeMode } from '../../engine.ts';
import { checksFor, errorVerdict, summarize, type Verdict } from '../../results.ts';
import { checkConfig } from './check-config.ts';

export function gradeConfig(exercise: ExerciseOfKind<'config'>, submission: string, mode: GradeMode): Verdict {
  const spec = exercise.config;
  const checks = checksFor(spec.checks, mode);
  const report = checkConfig(
    spec.format,
    submission,
    checks.map((c) => c.rule),
  );
  if (report.parseError) return errorVerdict('compile_error', report.parseError.message);
  const tests: TestCaseResult[] = checks.map((check, i) => {
    const finding = report.findings[i];
    const hidden = check.hidden ?? false;
    if (finding?.pass) return { name: check.name, hidden, status: 'pass' };
    return { name: check.name, hidden, status: 'fail', message: finding?.message ?? 'This rule failed.' };
  });
  return summarize(tests);
}
