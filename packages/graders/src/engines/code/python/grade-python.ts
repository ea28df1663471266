/**
 * One Python `code` grading on one warm child: visible checks first, then (on submit) the hidden
 * checks in a fresh namespace; hidden arguments are sent only after every visible result is back, and
 * expected values never leave this process. Return values arrive as tagged JSON and are judged here
 * with the JavaScript engine's comparison and messages.
 */
import type { ExerciseOfKind, GradeErrorCode, GradeLimits, GradeResult, TestCaseResult } from '@backpath/contracts';
import type { GradeMode } from '../../../engine.ts';
import { compileErrorMessage } from '../../../sandbox/compile.ts';
import { describeFailure, type Failure, type FailureKind } from '../../../sandbox/failure.ts';
import { OutputSink } from '../../../sandbox/output-sink.ts';
import { formatValue } from '../../../sandbox/values.ts';
import { clip, errorResult, hiddenCase, limitMessage, summaryResult } from '../../../sandbox/verdict.ts';
import { judgeReturn, judgeThrow, type Verdict } from '../judge.ts';
import { DecodeError, decodeValue } from './decode.ts';
import type { ChildEnd, ChildMessage, PythonProcess } from './python-process.ts';

type CodeSpec = ExerciseOfKind<'code'>['code'];
type Check = CodeSpec['checks'][number];

/** RSS headroom over the child's ready size before the parent kills it, beyond the memory limit.
 *  The WebAssembly heap is capped at exactly the limit inside the child; this covers JS-side growth. */
export const RSS_HEADROOM = 192 * 1024 * 1024;

class Stop {
  readonly code: GradeErrorCode;
  readonly message: string;
  constructor(code: GradeErrorCode, message: string) {
    this.code = code;
    this.message = message;
  }
}

export async function gradePython(
  child: PythonProcess,
  spec: CodeSpec,
  submission: string,
  mode: GradeMode,
  limits: GradeLimits,
): Promise<GradeResult> {
  const readyRss = await child.ready;
  const start = performance.now();
  const checks = mode === 'run' ? spec.checks.filter((c) => !c.hidden) : spec.checks;
  const groups = [checks.filter((c) => !c.hidden), checks.filter((c) => c.hidden)].filter((g) => g.length > 0);
  const done = new Map<Check, TestCaseResult>();
  const inOrder = () => checks.flatMap((c) => done.get(c) ?? []);
  const sink = new OutputSink(limits.outputBytes);
  const watchdog = setTimeout(() => child.kill('time_limit'), limits.timeMs);
  child.watchMemory(readyRss + limits.memoryBytes + RSS_HEADROOM);
  try {
    for (const group of groups) {
      const hidden = group[0]!.hidden === true;
      child.send({
        t: 'group',
        source: submission,
        entry: spec.entry,
        args: group.map((c) => JSON.stringify(c.args)),
        memoryBytes: limits.memoryBytes,
        outputBytes: hidden ? limits.outputBytes : sink.remaining,
      });
      const loaded = await expect(child, 'loaded', limits);
      if (!hidden) sink.append(String(loaded.output ?? ''), loaded.cut === true);
      if (loaded.error) {
        const error = loaded.error as Reported;
        if (error.kind === 'memory_limit') throw stop('memory_limit', limits);
        return errorResult(...loadError(error, spec.entry), inOrder(), start);
      }
      for (const check of group) {
        let message: ChildMessage;
        try {
          message = await expect(child, 'check', limits);
        } catch (error) {
          if (error instanceof Stop) done.set(check, stopped(check));
          throw error;
        }
        if (!hidden) sink.append(String(message.output ?? ''), message.cut === true);
        const result = outcome(message.result);
        if ('kind' in result && result.kind === 'memory_limit') {
          done.set(check, stopped(check));
          throw stop('memory_limit', limits);
        }
        done.set(check, toCase(check, spec, result, sink));
      }
      await expect(child, 'done', limits);
    }
    return summaryResult(inOrder(), start);
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return errorResult(error.code, error.message, inOrder(), start);
  } finally {
    clearTimeout(watchdog);
    child.kill('closed');
  }
}

/** Waits for one message of type `t`; a limit flag, a crash or anything unexpected becomes a Stop. */
async function expect(child: PythonProcess, t: string, limits: GradeLimits): Promise<ChildMessage> {
  const message = await child.next();
  if (message?.memory) throw stop('memory_limit', limits);
  if (message?.runaway) throw stop('output_limit', limits);
  if (message?.t === t) return message;
  if (message?.t === 'crashed') {
    throw new Stop(
      'runtime_error',
      'Your code stopped the Python interpreter (for example with os._exit()), so it could not be graded. Return a value from your function instead.',
    );
  }
  if (message) child.kill('closed');
  throw ended(await child.ended, limits);
}

function ended(end: ChildEnd, limits: GradeLimits): Stop {
  if (end.stopped === 'time_limit') return stop('time_limit', limits);
  if (end.stopped === 'memory_limit' || /heap out of memory|allocation failed/i.test(end.stderr)) {
    return stop('memory_limit', limits);
  }
  return new Stop('internal', 'The Python grader stopped unexpectedly. Please try again.');
}

function stop(code: 'time_limit' | 'memory_limit' | 'output_limit', limits: GradeLimits): Stop {
  const message = limitMessage(code, limits)
    .replace('console.log calls', 'print() calls')
    .replace('an array or string', 'a list or string')
    .replace(' or a promise that never resolves', '');
  return new Stop(code, message);
}

type Reported = Record<string, unknown>;

function loadError(error: Reported, entry: string): [GradeErrorCode, string] {
  const failure = toFailure(error);
  switch (error.stage) {
    case 'compile':
      return ['compile_error', compileErrorMessage(failure.message, failure.line)];
    case 'missing':
      return [
        'invalid_submission',
        `Define a function named \`${entry}\` at the top level of your code (for example \`def ${entry}(…):\`).`,
      ];
    case 'not_callable':
      return ['invalid_submission', `\`${entry}\` is a ${clip(String(error.name), 40)}, but it should be a function.`];
    default:
      return [
        'runtime_error',
        `Your code raised an error while it was loading, before \`${entry}\` was called: ${describeFailure(failure)}.`,
      ];
  }
}

const KINDS: FailureKind[] = ['thrown', 'memory_limit', 'stack_overflow', 'unreadable'];

function toFailure(reported: Reported): Failure {
  const kind = KINDS.find((k) => k === reported.kind) ?? 'thrown';
  const failure: Failure = {
    kind,
    name: clip(String(reported.name ?? ''), 80),
    message: clip(String(reported.message ?? ''), 500),
  };
  if (typeof reported.line === 'number') failure.line = reported.line;
  return failure;
}

type Outcome = (Verdict | Failure) & { traceback?: string };

function outcome(result: unknown): Outcome {
  const reported = (result ?? {}) as Reported;
  if (reported.ok === true && typeof reported.value === 'string') {
    try {
      return { returned: decodeValue(reported.value) };
    } catch (error) {
      if (!(error instanceof DecodeError) && !(error instanceof SyntaxError)) throw error;
      return { kind: 'unreadable', name: '', message: 'it could not be read.' };
    }
  }
  const failure: Outcome = toFailure(reported);
  if (typeof reported.traceback === 'string' && reported.traceback) failure.traceback = reported.traceback;
  return failure;
}

function toCase(check: Check, spec: CodeSpec, result: Outcome, sink: OutputSink): TestCaseResult {
  const call = clip(`${spec.entry}(${check.args.map((a) => formatValue(a)).join(', ')})`);
  const judged = check.throws
    ? judgeThrow(call, check.expected, result)
    : judgeReturn(call, check.expected, result, { unordered: spec.unordered, tolerance: spec.tolerance });
  if (check.hidden) return hiddenCase(check.name, judged.status === 'pass');
  // A traceback belongs in the output, as Python would print it, unless raising was the point.
  if ('traceback' in result && result.traceback && judged.status !== 'pass') sink.write(result.traceback);
  const output = sink.takeSegment();
  const testCase: TestCaseResult = { name: check.name, status: judged.status, hidden: false };
  if (judged.message) testCase.message = judged.message;
  if (judged.status !== 'pass') {
    testCase.expected = judged.expected;
    if (judged.actual !== undefined) testCase.actual = judged.actual;
  }
  if (output) testCase.output = output;
  return testCase;
}

function stopped(check: Check): TestCaseResult {
  if (check.hidden) return { name: check.name, status: 'error', hidden: true };
  return { name: check.name, status: 'error', hidden: false, message: 'Stopped: a resource limit was reached.' };
}
