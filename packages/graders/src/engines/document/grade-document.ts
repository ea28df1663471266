/**
 * The `document` engine's grading: runs the learner's MongoDB-style query and the reference with
 * mingo over each check's collections and compares the documents.
 */
import type { ExerciseOfKind, TestCaseResult } from '@backpath/contracts';
import { aggregate, find } from 'mingo';
import type { GradeMode } from '../../engine.ts';
import { checksFor, errorVerdict, summarize, type Verdict } from '../../results.ts';
import { type DocumentQuery, parseQuery, QueryError } from './parse-query.ts';

type Doc = Record<string, unknown>;
type Collections = Record<string, Doc[]>;

const MAX_RESULT_DOCS = 10_000;

function run(query: DocumentQuery, collections: Collections): Doc[] {
  const source = structuredClone(collections[query.collection] ?? []);
  const options = {
    scriptEnabled: false,
    collectionResolver: (name: string) => structuredClone(collections[name] ?? []),
  };
  if ('pipeline' in query) return aggregate(source, query.pipeline, options) as Doc[];
  let cursor = find(source, query.filter ?? {}, query.projection, options);
  if (query.sort) cursor = cursor.sort(query.sort);
  if (query.skip) cursor = cursor.skip(query.skip);
  if (query.limit) cursor = cursor.limit(query.limit);
  return cursor.all() as Doc[];
}

/** JSON with sorted keys, so `{a, b}` equals `{b, a}`. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function difference(a: string[], b: string[]): string[] {
  const counts = new Map<string, number>();
  for (const k of b) counts.set(k, (counts.get(k) ?? 0) + 1);
  return a.filter((k) => {
    const n = counts.get(k) ?? 0;
    if (n > 0) counts.set(k, n - 1);
    return n === 0;
  });
}

function compare(expected: Doc[], actual: Doc[], ordered: boolean, hidden: boolean): string | undefined {
  const exp = expected.map(canonical);
  const act = actual.map(canonical);
  const missing = difference(exp, act);
  const extra = difference(act, exp);
  const count = `Your query returned ${actual.length} document${actual.length === 1 ? '' : 's'}; ${expected.length} expected.`;
  if (missing.length > 0 || extra.length > 0) {
    if (hidden) return `${count} ${missing.length} expected document(s) missing, ${extra.length} unexpected.`;
    const parts = [count];
    if (missing.length > 0) parts.push(`Missing: ${missing.slice(0, 2).join(', ')}.`);
    if (extra.length > 0) parts.push(`Not expected: ${extra.slice(0, 2).join(', ')}.`);
    const keysOf = (s: string | undefined) => (s ? Object.keys(JSON.parse(s)).join(', ') : '');
    if (missing.length > 0 && extra.length > 0 && keysOf(missing[0]) !== keysOf(extra[0])) {
      parts.push(`Fields differ: expected {${keysOf(missing[0])}}, got {${keysOf(extra[0])}}. Check your projection.`);
    } else {
      parts.push('Check your filter and pipeline stages.');
    }
    return parts.join(' ');
  }
  if (ordered && exp.some((k, i) => k !== act[i])) {
    return 'The documents are right but in the wrong order. Check your sort.';
  }
  return undefined;
}

export function gradeDocument(exercise: ExerciseOfKind<'document'>, submission: string, mode: GradeMode): Verdict {
  const spec = exercise.document;
  const names = Object.keys(spec.collections);
  let query: DocumentQuery;
  let reference: DocumentQuery;
  try {
    reference = parseQuery(exercise.solution, names);
  } catch (err) {
    return errorVerdict('internal', `The reference solution is invalid: ${(err as Error).message}`);
  }
  try {
    query = parseQuery(submission, names);
  } catch (err) {
    if (err instanceof QueryError) return errorVerdict(err.code, err.message);
    throw err;
  }
  const tests: TestCaseResult[] = [];
  for (const check of checksFor(spec.checks, mode)) {
    const hidden = check.hidden ?? false;
    const collections = (check.collections ?? spec.collections) as Collections;
    let actual: Doc[];
    try {
      actual = run(query, collections);
    } catch (err) {
      const message = `Your query failed: ${(err as Error).message}`;
      return errorVerdict('runtime_error', message, [...tests, { name: check.name, hidden, status: 'error', message }]);
    }
    if (actual.length > MAX_RESULT_DOCS) {
      return errorVerdict('output_limit', `Your query returned more than ${MAX_RESULT_DOCS} documents.`);
    }
    const expected = run(reference, collections);
    const message = compare(expected, actual, spec.ordered ?? false, hidden);
    const shown = hidden
      ? {}
      : {
          expected: JSON.stringify(expected, null, 1).slice(0, 2000),
          actual: JSON.stringify(actual, null, 1).slice(0, 2000),
        };
    tests.push({
      name: check.name,
      hidden,
      status: message ? 'fail' : 'pass',
      ...(message ? { message, ...shown } : {}),
    });
  }
  return summarize(tests);
}
