/**
 * A grading result in place: the verdict, plain advice for errors, then each test with its message,
 * expected vs actual as a diff, console output and (for SQL) the result table.
 */
import type { GradeResult, TestCaseResult } from '../../../lib/api-types.ts';
import { adviceFor, withoutStack } from '../lib/advice.ts';
import { TextDiff } from './text-diff.tsx';

const ICON = { pass: '✓', fail: '✗', error: '!' } as const;
const WORD = { pass: 'passed', fail: 'failed', error: 'could not run' } as const;

export function ResultTable({ table }: { table: NonNullable<TestCaseResult['table']> }) {
  return (
    <div className="table-wrap">
      <table className="data result-table">
        <caption className="visually-hidden">Your query's result</caption>
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a result may repeat a column name
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no key of their own
            <tr key={r}>
              {row.map((cell, c) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells have no key of their own
                <td key={c}>{cell === null ? <span className="muted">NULL</span> : String(cell)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {table.truncated && <p className="muted small">Only the first rows are shown.</p>}
      {table.rows.length === 0 && <p className="muted small">The query returned no rows.</p>}
    </div>
  );
}

export function TestCase({ test }: { test: TestCaseResult }) {
  const showDiff = test.status !== 'pass' && test.expected !== undefined && test.actual !== undefined;
  return (
    <li className={`test-case ${test.status}`}>
      <div className="test-head">
        <span className="test-icon" aria-hidden="true">
          {ICON[test.status]}
        </span>
        <span className="test-name">{test.hidden ? `Hidden check: ${test.name}` : test.name}</span>
        <span className={`pill ${test.status === 'pass' ? 'ok' : 'bad'}`}>{WORD[test.status]}</span>
      </div>
      {test.message && <p className="test-message">{withoutStack(test.message)}</p>}
      {showDiff && <TextDiff expected={test.expected!} actual={test.actual!} />}
      {test.table && (
        <details open={test.status !== 'pass'}>
          <summary>Your result</summary>
          <ResultTable table={test.table} />
        </details>
      )}
      {test.output && (
        <details>
          <summary>Console output</summary>
          <pre className="console">{test.output}</pre>
        </details>
      )}
    </li>
  );
}

/** A grader's plain count ("2 of 3 checks passed.") repeats the heading, so it is not shown twice. */
const COUNT_ONLY = /^(All \d+|\d+ of \d+) [a-z ]+ passed\.?$/;

export function ResultView({ result, mode }: { result: GradeResult; mode: 'run' | 'submit' }) {
  const advice = adviceFor(result);
  const passed = result.tests.filter((t) => t.status === 'pass').length;
  const heading =
    result.status === 'pass'
      ? mode === 'submit'
        ? 'Solved! Every check passes.'
        : 'The visible checks pass. Submit to run them all.'
      : result.status === 'fail'
        ? `${passed} of ${result.tests.length} checks pass`
        : 'Your answer could not be graded';
  return (
    <section className={`result ${result.status}`} aria-live="polite" aria-labelledby="result-title">
      <h2 id="result-title" className="result-title">
        <span aria-hidden="true">{ICON[result.status]}</span> {heading}
      </h2>
      {advice && <p className="advice">{advice}</p>}
      {result.message && !COUNT_ONLY.test(result.message) && (
        <p className="result-message">{withoutStack(result.message)}</p>
      )}
      <ol className="tests">
        {result.tests.map((t, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: test names may repeat
          <TestCase key={i} test={t} />
        ))}
      </ol>
      <p className="muted small">Graded in {Math.round(result.durationMs)} ms.</p>
    </section>
  );
}
