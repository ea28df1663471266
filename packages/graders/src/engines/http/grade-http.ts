/**
 * Grades an `http` exercise: for each check the submission is evaluated fresh, then its requests are
 * sent in order to `handle(req)` (state may carry between them) and each response is checked.
 */
import type { ExerciseOfKind, GradeLimits, GradeResult, TestCaseResult } from '@backpath/contracts';
import type { QuickJSWASMModule } from 'quickjs-emscripten';
import type { GradeMode } from '../../engine.ts';
import { type Failure, isLimitFailure } from '../../sandbox/failure.ts';
import { loadEntry, prepare, SUBMISSION_FILE } from '../../sandbox/load-entry.ts';
import type { Realm } from '../../sandbox/realm.ts';
import { SandboxSession } from '../../sandbox/session.ts';
import { errorResult, hiddenCase, limitResult, type SandboxGrade, summaryResult } from '../../sandbox/verdict.ts';
import { failureMessage } from '../code/judge.ts';
import { checkResponse, type ResponseProblem } from './check-response.ts';
import { buildRequest } from './request.ts';

export type HttpSpec = ExerciseOfKind<'http'>['http'];
type Check = HttpSpec['checks'][number];

export function gradeHttp(
  qjs: QuickJSWASMModule,
  spec: HttpSpec,
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

type CheckOutcome = { passed: true } | { passed: false; problem: ResponseProblem } | { limit: Failure };

function runChecks(
  session: SandboxSession,
  spec: HttpSpec,
  submission: string,
  mode: GradeMode,
  start: number,
): GradeResult {
  const checks = mode === 'run' ? spec.checks.filter((c) => !c.hidden) : spec.checks;
  const tests: TestCaseResult[] = [];
  let compiled: { code: string; module: boolean } | undefined;
  for (const check of checks) {
    const realm = session.newRealm();
    try {
      if (!compiled) {
        const prepared = prepare(submission, spec.language, realm);
        if (!prepared.ok) return errorResult(prepared.errorCode, prepared.message, [], start);
        compiled = prepared;
      }
      const loaded = loadEntry(realm, compiled.code, compiled.module, 'handle');
      if (!loaded.ok) {
        if (loaded.limit) return limitResult(loaded.limit, session.limits, tests, start);
        return errorResult(loaded.code, loaded.message, tests, start);
      }
      const outcome = sendRequests(realm, loaded.fn, check);
      const output = realm.takeOutput();
      if ('limit' in outcome) {
        tests.push(
          check.hidden
            ? { name: check.name, status: 'error', hidden: true }
            : { name: check.name, status: 'error', hidden: false },
        );
        return limitResult(outcome.limit, session.limits, tests, start);
      }
      tests.push(toCase(check, outcome, output));
    } finally {
      realm.dispose();
    }
  }
  return summaryResult(tests, start);
}

function sendRequests(realm: Realm, handle: Parameters<Realm['call']>[0], check: Check): CheckOutcome {
  for (const { request, expect } of check.requests) {
    const label = `${request.method.toUpperCase()} ${request.path}`;
    const req = realm.fromJson(buildRequest(request));
    const called = req.ok ? realm.call(handle, [req.value], SUBMISSION_FILE) : req;
    const copied = called.ok ? realm.copyOut(called.value) : called;
    if (!copied.ok) {
      if (isLimitFailure(copied.failure)) return { limit: copied.failure };
      const message = failureMessage(`${label}: handle(req)`, copied.failure);
      return { passed: false, problem: { message, expected: 'a response', actual: 'an error' } };
    }
    const problem = checkResponse(label, copied.value, expect);
    if (problem) return { passed: false, problem };
  }
  return { passed: true };
}

function toCase(check: Check, outcome: CheckOutcome, output: string): TestCaseResult {
  const passed = 'passed' in outcome && outcome.passed;
  if (check.hidden) return hiddenCase(check.name, passed);
  const result: TestCaseResult = { name: check.name, status: passed ? 'pass' : 'fail', hidden: false };
  if ('problem' in outcome) {
    result.message = outcome.problem.message;
    result.expected = outcome.problem.expected;
    result.actual = outcome.problem.actual;
    if (outcome.problem.actual === 'an error') result.status = 'error';
  }
  if (output) result.output = output;
  return result;
}
