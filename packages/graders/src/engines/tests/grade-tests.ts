/**
 * Grades a `tests` exercise: the learner's suite must pass against the reference module and fail
 * against each mutant. The verdict carries the mutation score and names each mutant that survived.
 */
import type { ExerciseOfKind, GradeLimits, GradeResult, TestCaseResult } from '@backpath/contracts';
import type { QuickJSWASMModule } from 'quickjs-emscripten';
import type { GradeMode } from '../../engine.ts';
import { compile, compileErrorMessage, type SourceLanguage } from '../../sandbox/compile.ts';
import { describeFailure } from '../../sandbox/failure.ts';
import { elapsed, errorResult, limitResult, type SandboxGrade } from '../../sandbox/verdict.ts';
import { rewriteImports } from './harness.ts';
import { runSuite, type SuiteRun, type SuiteTest } from './run-suite.ts';

export type TestsSpec = ExerciseOfKind<'tests'>['tests'];

const EXAMPLE = "test('adds two numbers', () => { expect(subject.add(1, 2)).toBe(3); });";

export function gradeTests(
  qjs: QuickJSWASMModule,
  spec: TestsSpec,
  submission: string,
  mode: GradeMode,
  limits: GradeLimits,
): SandboxGrade {
  const start = performance.now();
  let recycle = false;
  const suite = compileSuite(submission, spec.language);
  if (!suite.ok) return { result: errorResult('compile_error', suite.message, [], start), recycle };
  const reference = compileModule(spec.module, spec.language);
  if (!reference)
    return {
      result: errorResult('internal', "This exercise's reference module does not compile.", [], start),
      recycle,
    };
  const runs = mode === 'submit' ? 1 + spec.mutants.length : 1;
  const deadline = Date.now() + limits.timeMs;
  // Each run gets an equal share of what is left, so one looping mutant cannot starve the others.
  const share = (left: number) => ({ ...limits, timeMs: Math.max(1, Math.floor((deadline - Date.now()) / left)) });

  const first = runSuite(qjs, reference, suite.code, share(runs));
  recycle ||= first.recycle;
  const verdict = judgeReference(first.run, limits, start);
  if (verdict.result) return { result: verdict.result, recycle };
  const learnerCases = verdict.cases;
  if (mode === 'run') {
    const message = `All ${learnerCases.length} of your tests pass against the correct implementation. Submit to see whether they catch the bugs.`;
    return {
      result: { version: 1, status: 'pass', message, tests: learnerCases, durationMs: elapsed(start) },
      recycle,
    };
  }

  const mutantCases: TestCaseResult[] = [];
  const survivors: string[] = [];
  spec.mutants.forEach((mutant, index) => {
    const source = compileModule(mutant.source, spec.language);
    const outcome = source ? runSuite(qjs, source, suite.code, share(runs - 1 - index)) : undefined;
    recycle ||= outcome?.recycle ?? false;
    // A suite that fails, errors, or runs out of time against the mutant has noticed it.
    const killed = outcome?.run.kind !== 'ran' || outcome.run.tests.some((t) => t.failure);
    const description = mutant.description.trim().replace(/\.+$/, '');
    if (!killed) survivors.push(description);
    mutantCases.push(
      killed
        ? { name: `Catches: ${description}`, status: 'pass', hidden: false }
        : {
            name: `Catches: ${description}`,
            status: 'fail',
            hidden: false,
            message: `Your tests did not notice: ${description}. Add a test that would fail if that happened.`,
          },
    );
  });
  const killedCount = spec.mutants.length - survivors.length;
  const score = { passed: killedCount, total: spec.mutants.length };
  const tests = [...learnerCases, ...mutantCases];
  const result: GradeResult =
    survivors.length === 0
      ? {
          version: 1,
          status: 'pass',
          message: `Your tests caught all ${score.total} bugs.`,
          tests,
          score,
          durationMs: elapsed(start),
        }
      : {
          version: 1,
          status: 'fail',
          message: `Your tests caught ${killedCount} of ${score.total} bugs. Your tests did not notice: ${survivors[0]}.`,
          tests,
          score,
          durationMs: elapsed(start),
        };
  return { result, recycle };
}

function compileSuite(
  source: string,
  language: SourceLanguage,
): { ok: true; code: string } | { ok: false; message: string } {
  const compiled = compile(rewriteImports(source), language);
  if (!compiled.ok) return { ok: false, message: compileErrorMessage(compiled.message, compiled.line) };
  if (/^\s*export\s/m.test(compiled.code)) {
    return { ok: false, message: 'Your test file should not export anything: just call test(…) and expect(…).' };
  }
  return { ok: true, code: compiled.code };
}

function compileModule(source: string, language: SourceLanguage): string | undefined {
  const compiled = compile(source, language);
  return compiled.ok ? compiled.code : undefined;
}

/** Either the learner's tests as cases (all passing), or the verdict that ends the grading. */
function judgeReference(
  run: SuiteRun,
  limits: GradeLimits,
  start: number,
): { result: GradeResult; cases?: undefined } | { result?: undefined; cases: TestCaseResult[] } {
  if (run.kind === 'limit') return { result: limitResult(run.failure, limits, [], start) };
  if (run.kind === 'module_error') {
    return {
      result: errorResult(
        'internal',
        `This exercise's reference module failed to load: ${describeFailure(run.failure)}`,
        [],
        start,
      ),
    };
  }
  if (run.kind === 'suite_error') {
    const message = /SyntaxError/.test(run.failure.name)
      ? compileErrorMessage(run.failure.message, run.failure.line)
      : `Your test file threw an error before its tests ran: ${describeFailure(run.failure)}.`;
    return {
      result: errorResult(/SyntaxError/.test(run.failure.name) ? 'compile_error' : 'runtime_error', message, [], start),
    };
  }
  if (run.tests.length === 0) {
    const message = `Your file has no tests. Add at least one, for example: ${EXAMPLE}`;
    return { result: { version: 1, status: 'fail', message, tests: [], durationMs: elapsed(start) } };
  }
  const cases = run.tests.map(toCase);
  const failing = run.tests.filter((t) => t.failure);
  if (failing.length === 0) return { cases };
  const names = failing.map((t) => `"${t.name}"`).join(', ');
  const message = `Your tests must pass against the correct implementation, but ${failing.length} of ${run.tests.length} failed: ${names}. A test that fails on correct code is checking the wrong thing.`;
  return { result: { version: 1, status: 'fail', message, tests: cases, durationMs: elapsed(start) } };
}

function toCase(test: SuiteTest): TestCaseResult {
  const result: TestCaseResult = { name: test.name, status: test.failure ? 'fail' : 'pass', hidden: false };
  if (test.failure) {
    result.message =
      test.failure.name === 'AssertionError'
        ? `Against the correct implementation, ${test.failure.message}${test.failure.line ? ` (line ${test.failure.line})` : ''}.`
        : `This test threw ${describeFailure(test.failure)} against the correct implementation.`;
  }
  if (test.output) result.output = test.output;
  return result;
}
