/**
 * Grades one SQL job inside a worker: seeds the exercise schema once, computes (and caches) the
 * reference results, then runs the submission per check in isolation and compares.
 */
import type { TestCaseResult } from '@backpath/contracts';
import { errorVerdict, summarize, type Verdict } from '../../results.ts';
import { compareResults } from './compare.ts';
import type { SqlCheckJob, SqlJob } from './job.ts';
import { normalizeValue, type ResultSet, resultBytes, typeFamily } from './result-set.ts';
import type { RunResult, SqlError, SqlSandbox } from './sandbox.ts';
import { screenSubmission } from './screen.ts';

/** A result larger than this is refused: no exercise needs it, and copying it costs every learner. */
export const MAX_ROWS = 10_000;
export const MAX_RESULT_BYTES = 1024 * 1024;
const TABLE_ROWS = 20;

const solutionCache = new Map<string, RunResult>();

const ROLE_CHANGE = /cannot set parameter "(role|session_authorization)"/;

function describeError(err: SqlError, hidden = false): string {
  if (ROLE_CHANGE.test(err.message)) {
    return 'Your SQL tried to switch to another role or session user (SET ROLE, RESET ROLE, SET SESSION AUTHORIZATION, set_config or a function that does one of these). Submissions always run as the learner role; remove that part.';
  }
  // On a hidden check PostgreSQL's message may quote hidden rows (`invalid input syntax for type
  // integer: "…"`), so only the kind of error is told. Syntax errors do not depend on data.
  if (hidden && err.code !== '42601') {
    return `Your SQL failed on a hidden check with error ${err.code ?? 'XX000'}. The error text is not shown because it could reveal the hidden rows; look for values your query cannot handle, such as text that does not convert to a number, a division by zero or a missing row.`;
  }
  const hint = err.hint ? ` Hint: ${err.hint}` : '';
  const where = err.position ? ` (at character ${err.position})` : '';
  return `Your SQL failed: ${err.message}${where}.${hint}`;
}

export const ESCAPED_MESSAGE =
  "Your SQL ended or left the grader's transaction, committed a change, or changed its role, so this run cannot be trusted and was not graded. Leave out transaction control (COMMIT, ROLLBACK, BEGIN, SAVEPOINT, …) and role or session changes: each check already runs in a transaction of its own that is undone afterwards.";

function table(set: ResultSet) {
  const families = set.columns.map((c) => typeFamily(c.typeId));
  return {
    columns: set.columns.map((c) => c.name),
    rows: set.rows.slice(0, TABLE_ROWS).map((row) => row.map((v, i) => normalizeValue(v, families[i] ?? ''))),
    truncated: set.rows.length > TABLE_ROWS,
  };
}

function oversized(set: ResultSet | undefined): boolean {
  return !!set && (set.rows.length > MAX_ROWS || resultBytes(set.rows) > MAX_RESULT_BYTES);
}

async function reference(sandbox: SqlSandbox, job: SqlJob, check: SqlCheckJob, i: number) {
  const key = `${job.solutionKey}:${i}`;
  const cached = solutionCache.get(key);
  if (cached) return cached;
  const run = await sandbox.run(job.solution, check.extraSetup, job.mode === 'state' ? check.probe : undefined);
  if (!run.tainted && !run.error && !run.probeError) solutionCache.set(key, run);
  return run;
}

/**
 * Seeds the exercise and caches its reference results ahead of any submission: a replacement worker
 * does this for recently graded exercises while it boots, so the next learner it serves does not
 * wait for seeding.
 */
export async function warmSqlJob(sandbox: SqlSandbox, job: SqlJob): Promise<void> {
  await sandbox.activate(job.setupKey, job.setup);
  for (const [i, check] of job.checks.entries()) await reference(sandbox, job, check, i);
}

export async function gradeSqlJob(
  sandbox: SqlSandbox,
  job: SqlJob,
  started: () => void = () => {},
): Promise<{ verdict: Verdict; tainted: boolean }> {
  // Statements that would end the grader's transaction or change the session are refused up front,
  // with a reason; the sandbox still checks after every run for anything that slips past.
  const refusal = screenSubmission(job.submission);
  if (refusal) return { verdict: errorVerdict('invalid_submission', refusal.message), tainted: false };
  try {
    await sandbox.activate(job.setupKey, job.setup);
  } catch (err) {
    return {
      verdict: errorVerdict('internal', `This exercise's setup failed: ${(err as Error).message}`),
      tainted: sandbox.discarded,
    };
  }
  // Reference results first, so a submission that breaks isolation cannot influence them.
  const expected: ResultSet[] = [];
  for (const [i, check] of job.checks.entries()) {
    const ref = await reference(sandbox, job, check, i);
    const set = job.mode === 'state' ? ref.probe : ref.result;
    if (ref.error || ref.probeError || !set) {
      const why = ref.error?.message ?? ref.probeError?.message ?? 'it returned no rows';
      return {
        verdict: errorVerdict('internal', `The reference solution for "${check.name}" failed: ${why}`),
        tainted: sandbox.discarded,
      };
    }
    expected.push(set);
  }
  started();
  const tests: TestCaseResult[] = [];
  const notRun = (from: number, message: string) =>
    job.checks.slice(from).map((c) => ({ name: c.name, hidden: c.hidden, status: 'error' as const, message }));
  for (const [i, check] of job.checks.entries()) {
    const run = await sandbox.run(job.submission, check.extraSetup, job.mode === 'state' ? check.probe : undefined);
    const base = { name: check.name, hidden: check.hidden };
    if (run.tainted) {
      tests.push({ ...base, status: 'error', message: ESCAPED_MESSAGE });
      const rest = notRun(i + 1, "Not run: an earlier check found that your SQL left the grader's transaction.");
      return { verdict: errorVerdict('invalid_submission', ESCAPED_MESSAGE, [...tests, ...rest]), tainted: true };
    }
    if (run.error) {
      const message = describeError(run.error, check.hidden);
      tests.push({ ...base, status: 'error', message });
      const rest = notRun(i + 1, 'Not run: your SQL failed on an earlier check.');
      const code = run.error.code === '42601' ? 'compile_error' : 'runtime_error';
      return { verdict: errorVerdict(code, message, [...tests, ...rest]), tainted: sandbox.discarded };
    }
    const actual = job.mode === 'state' ? run.probe : run.result;
    if (oversized(run.result) || oversized(run.probe)) {
      const message = `Your query returned more than ${MAX_ROWS} rows or 1 MB of data, which no exercise needs. Check for a missing WHERE or join condition.`;
      return {
        verdict: errorVerdict('output_limit', message, [...tests, { ...base, status: 'error', message }]),
        tainted: sandbox.discarded,
      };
    }
    if (job.mode === 'state' && run.probeError) {
      tests.push({
        ...base,
        status: 'fail',
        message: check.hidden
          ? `After your script ran, checking the result of this hidden check failed (error ${run.probeError.code ?? 'XX000'}). Did your script remove or rename something the exercise needs?`
          : `After your script ran, checking the result failed: ${run.probeError.message}. Did your script remove or rename something the exercise needs?`,
      });
      continue;
    }
    if (!actual) {
      tests.push({
        ...base,
        status: 'fail',
        message: 'Your submission did not return any rows. Write a SELECT statement that returns the answer.',
      });
      continue;
    }
    const cmp = compareResults(expected[i] as ResultSet, actual, {
      ordered: job.ordered,
      columnNames: job.columnNames,
      tolerance: job.tolerance,
      hidden: check.hidden,
    });
    const shown = check.hidden ? {} : { table: table(actual), expected: cmp.expected, actual: cmp.actual };
    tests.push({
      ...base,
      status: cmp.pass ? 'pass' : 'fail',
      ...(cmp.pass ? {} : { message: cmp.message }),
      ...shown,
    });
  }
  return { verdict: summarize(tests), tainted: sandbox.discarded };
}
