/**
 * Grades a JavaScript/TypeScript `code` exercise inside QuickJS: each check gets a fresh realm,
 * fresh copies of its arguments, and a host-side comparison of the copied-out return value.
 */
import type { ExerciseOfKind, GradeLimits, GradeResult, TestCaseResult } from '@backpath/contracts';
import type { QuickJSHandle, QuickJSWASMModule } from 'quickjs-emscripten';
import type { GradeMode } from '../../engine.ts';
import { type Failure, isLimitFailure } from '../../sandbox/failure.ts';
import { loadEntry, prepare, SUBMISSION_FILE } from '../../sandbox/load-entry.ts';
import type { Realm } from '../../sandbox/realm.ts';
import { SandboxSession } from '../../sandbox/session.ts';
import { formatValue } from '../../sandbox/values.ts';
import { clip, errorResult, hiddenCase, limitResult, type SandboxGrade, summaryResult } from '../../sandbox/verdict.ts';
import { judgeReturn, judgeThrow, type Verdict } from './judge.ts';

export type CodeSpec = ExerciseOfKind<'code'>['code'];
type Check = CodeSpec['checks'][number];

export function gradeCode(
  qjs: QuickJSWASMModule,
  spec: CodeSpec,
  submission: string,
  mode: GradeMode,
  limits: GradeLimits,
): SandboxGrade {
  const start = performance.now();
  const session = new SandboxSession(qjs, limits);
  let result: GradeResult;
  try {
    result = runChecks(session, spec, submission, mode, start);
  } finally {
    session.dispose();
  }
  return { result, recycle: session.recycle };
}

/**
 * All checks share one realm, visible checks first: whatever a hidden check's inputs leave behind
 * can only be seen by later hidden checks, whose output and values are never shown. (A realm costs
 * about 1 ms to build, half of a warm grading, so one per run rather than one per group.)
 */
function runChecks(
  session: SandboxSession,
  spec: CodeSpec,
  submission: string,
  mode: GradeMode,
  start: number,
): GradeResult {
  if (spec.language === 'python') return errorResult('internal', 'Python is not graded by QuickJS.', [], start);
  const checks = mode === 'run' ? spec.checks.filter((c) => !c.hidden) : spec.checks;
  const visibleFirst = [...checks.filter((c) => !c.hidden), ...checks.filter((c) => c.hidden)];
  const done = new Map<Check, TestCaseResult>();
  const inOrder = () => checks.flatMap((c) => done.get(c) ?? []);
  if (visibleFirst.length === 0) return summaryResult([], start);
  const realm = session.newRealm();
  try {
    const compiled = prepare(submission, spec.language, realm);
    if (!compiled.ok) return errorResult(compiled.errorCode, compiled.message, [], start);
    const loaded = loadEntry(realm, compiled.code, compiled.module, spec.entry);
    if (!loaded.ok) {
      if (loaded.limit) return limitResult(loaded.limit, session.limits, [], start);
      return errorResult(loaded.code, loaded.message, [], start);
    }
    for (const check of visibleFirst) {
      const verdict = callCheck(realm, loaded.fn, check);
      const output = realm.takeOutput();
      if ('kind' in verdict && isLimitFailure(verdict)) {
        done.set(check, stopped(check));
        return limitResult(verdict, session.limits, inOrder(), start);
      }
      done.set(check, toCase(check, spec, verdict, output));
    }
  } finally {
    realm.dispose();
  }
  return summaryResult(inOrder(), start);
}

function callCheck(realm: Realm, fn: QuickJSHandle, check: Check): Verdict | Failure {
  const args: QuickJSHandle[] = [];
  for (const arg of check.args) {
    const copied = realm.fromJson(arg);
    if (!copied.ok) return copied.failure;
    args.push(copied.value);
  }
  const called = realm.call(fn, args, SUBMISSION_FILE);
  if (!called.ok) return called.failure;
  const copied = realm.copyOut(called.value);
  return copied.ok ? { returned: copied.value } : copied.failure;
}

function toCase(check: Check, spec: CodeSpec, verdict: Verdict | Failure, output: string): TestCaseResult {
  const call = clip(`${spec.entry}(${check.args.map((a) => formatValue(a)).join(', ')})`);
  const judged = check.throws
    ? judgeThrow(call, check.expected, verdict)
    : judgeReturn(call, check.expected, verdict, { unordered: spec.unordered, tolerance: spec.tolerance });
  if (check.hidden) return hiddenCase(check.name, judged.status === 'pass');
  const result: TestCaseResult = { name: check.name, status: judged.status, hidden: false };
  if (judged.message) result.message = judged.message;
  if (judged.status !== 'pass') {
    result.expected = judged.expected;
    if (judged.actual !== undefined) result.actual = judged.actual;
  }
  if (output) result.output = output;
  return result;
}

function stopped(check: Check): TestCaseResult {
  if (check.hidden) return { name: check.name, status: 'error', hidden: true };
  return { name: check.name, status: 'error', hidden: false, message: 'Stopped: a resource limit was reached.' };
}
