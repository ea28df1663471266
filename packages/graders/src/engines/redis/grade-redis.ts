/**
 * The `redis` engine's grading: for each check, a fresh key space gets the setup, the learner's
 * commands and the check's probe commands; the probe replies are compared with the expected ones.
 */
import type { ExerciseOfKind, TestCaseResult } from '@backpath/contracts';
import type { GradeMode } from '../../engine.ts';
import { checksFor, errorVerdict, summarize, truncate, type Verdict } from '../../results.ts';
import { CommandSyntaxError, parseCommandLine, parseScript } from './parse-command.ts';
import { type RedisSession, RefusedCommand, type Reply } from './run-commands.ts';

const MAX_COMMANDS = 1000;

/** Redis sends integers and strings; content authors write either, so compare them as text. */
function same(expected: unknown, actual: Reply): boolean {
  if (expected === null || actual === null) return expected === actual;
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((e, i) => same(e, actual[i] as Reply))
    );
  }
  if (typeof actual === 'object' && !Array.isArray(actual)) {
    return typeof expected === 'object' && expected !== null && 'error' in expected;
  }
  return String(expected) === String(actual);
}

const show = (reply: unknown) => (reply === null ? '(nil)' : JSON.stringify(reply));

export async function gradeRedis(
  session: RedisSession,
  exercise: ExerciseOfKind<'redis'>,
  submission: string,
  mode: GradeMode,
  outputBytes = 16 * 1024,
): Promise<Verdict> {
  let script: { line: number; args: string[] }[];
  try {
    script = parseScript(submission);
  } catch (err) {
    if (err instanceof CommandSyntaxError)
      return errorVerdict(
        'compile_error',
        `${err.message} Quote values that contain spaces, like SET greeting "hello world".`,
      );
    throw err;
  }
  if (script.length > MAX_COMMANDS)
    return errorVerdict('invalid_submission', `Your submission has more than ${MAX_COMMANDS} commands.`);
  const spec = exercise.redis;
  const tests: TestCaseResult[] = [];
  for (const check of checksFor(spec.checks, mode)) {
    const hidden = check.hidden ?? false;
    await session.reset();
    for (const line of spec.setup ?? []) await session.exec(parseCommandLine(line));
    const output: string[] = [];
    for (const { line, args } of script) {
      let reply: Reply;
      try {
        reply = await session.exec(args);
      } catch (err) {
        if (err instanceof RefusedCommand) return errorVerdict('invalid_submission', `Line ${line}: ${err.message}`);
        throw err;
      }
      if (reply !== null && typeof reply === 'object' && !Array.isArray(reply)) {
        if (reply.error.startsWith('ERR unknown command')) {
          return errorVerdict(
            'compile_error',
            `Line ${line}: ${args[0]} is not a Redis command (or is not supported here). Check the spelling.`,
          );
        }
        output.push(`${line}: ${args.join(' ')} -> (error) ${reply.error}`);
      } else {
        output.push(`${line}: ${args.join(' ')} -> ${show(reply)}`);
      }
    }
    let failure: string | undefined;
    for (const [i, probe] of check.probe.entries()) {
      const reply = await session.exec(parseCommandLine(probe));
      const expected = check.expected[i];
      if (!same(expected, reply)) {
        failure = hidden
          ? 'After your commands, a hidden check of the data did not get the expected reply.'
          : `After your commands, ${probe} replied ${show(reply)} but ${show(expected)} was expected.`;
        break;
      }
    }
    const outputText = hidden ? undefined : truncate(output.join('\n'), outputBytes);
    tests.push({
      name: check.name,
      hidden,
      status: failure ? 'fail' : 'pass',
      ...(failure ? { message: failure } : {}),
      ...(outputText ? { output: outputText } : {}),
    });
  }
  return summarize(tests);
}
