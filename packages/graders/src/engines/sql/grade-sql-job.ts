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

/** A result larger than this is refused: no exercise needs it, and copying it costs every learner. */
export const MAX_ROWS = 10_000;
export const MAX_RESULT_BYTES = 1024 * 1024;
const TABLE_ROWS = 20;

const solutionCache = new Map<string, RunResult>();

function describeError(err: SqlError): string {
  const hint = err.hint ? ` Hint: ${err.hint}` : '';
  const where = err.position ? ` (at character ${err.position})` : '';
  return `Your SQL failed: ${err.message}${where}.${hint}`;
}

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

export async function gradeSqlJob(
  sandbox: SqlSandbox,
  job: SqlJob,
  started: () => void = () => {},
): Promise<{ verdict: Verdict; tainted: boolean }> {
  try {
    await sandbox.activate(job.setupKey, job.setup);
  } catch (err) {
    return {
      verdict: errorVerdict('internal', `This exercise's setup failed: ${(err as Error).message}`),
      tainted: false,
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
        tainted: ref.tainted,
      };
    }
    expected.push(set);
  }
  started();
  const tests: TestCaseResult[] = [];
  let tainted = false;
  for (const [i, check] of job.checks.entries()) {
    if (tainted) {
      tests.push({
        name: check.name,
        hidden: check.hidden,
        status: 'fail',
        message:
          'Not run: your submission committed or rolled back its own transaction, so the remaining checks cannot be trusted.',
      });
      continue;
    }
    const run = await sandbox.run(job.submission, check.extraSetup, job.mode === 'state' ? check.probe : undefined);
    tainted ||= run.tainted;
    const base = { name: check.name, hidden: check.hidden };
    if (run.error) {
      tests.push({ ...base, status: 'error', message: describeError(run.error) });
      const rest = job.checks.slice(i + 1).map((c) => ({
        name: c.name,
        hidden: c.hidden,
        status: 'error' as const,
        message: 'Not run: your SQL failed on an earlier check.',
      }));
      const code = run.error.code === '42601' ? 'compile_error' : 'runtime_error';
      return { verdict: errorVerdict(code, describeError(run.error), [...tests, ...rest]), tainted };
    }
    const actual = job.mode === 'state' ? run.probe : run.result;
    if (oversized(run.result) || oversized(run.probe)) {
      const message = `Your query returned more than ${MAX_ROWS} rows or 1 MB of data, which no exercise needs. Check for a missing WHERE or join condition.`;
      return {
        verdict: errorVerdict('output_limit', message, [...tests, { ...base, status: 'error', message }]),
        tainted,
      };
    }
    if (job.mode === 'state' && run.probeError) {
      tests.push({
        ...base,
        status: 'fail',
        message: `After your script ran, checking the result failed: ${run.probeError.message}. Did your script remove or rename something the exercise needs?`,
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
  const verdict = summarize(tests);
  if (tainted) {
    verdict.message +=
      " Note: your submission ended the grader's transaction (COMMIT or ROLLBACK); each run is isolated anyway, so leave transaction control out.";
  }
  return { verdict, tainted };
}
