/**
 * Compares a learner's result set with the reference solution's and explains the first difference in
 * words a beginner can act on. Hidden checks get the verdict without the data.
 */
import { describeFamily, formatRow, normalizeRows, type ResultSet, typeFamily } from './result-set.ts';

export interface CompareOptions {
  ordered: boolean;
  columnNames: boolean;
  tolerance: number;
  hidden: boolean;
}

export interface Comparison {
  pass: boolean;
  message?: string;
  expected?: string;
  actual?: string;
}

const SAMPLE = 3;

function sameValue(a: unknown, b: unknown, tolerance: number): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= tolerance || a === b;
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  return a === b;
}

function sameRow(a: unknown[], b: unknown[], tolerance: number): boolean {
  return a.length === b.length && a.every((v, i) => sameValue(v, b[i], tolerance));
}

const key = (row: unknown[]) => JSON.stringify(row);

/** Rows of `a` with no partner in `b` (multiset difference, numbers within tolerance). */
function unmatched(a: unknown[][], b: unknown[][], tolerance: number): unknown[][] {
  const counts = new Map<string, number>();
  for (const row of b) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  const restA: unknown[][] = [];
  for (const row of a) {
    const n = counts.get(key(row)) ?? 0;
    if (n > 0) counts.set(key(row), n - 1);
    else restA.push(row);
  }
  if (tolerance <= 0 || restA.length === 0) return restA;
  const restB: unknown[][] = [];
  for (const row of b) {
    const n = counts.get(key(row)) ?? 0;
    if (n > 0) {
      restB.push(row);
      counts.set(key(row), n - 1);
    }
  }
  return restA.filter((row) => {
    const i = restB.findIndex((other) => sameRow(row, other, tolerance));
    if (i < 0) return true;
    restB.splice(i, 1);
    return false;
  });
}

function sample(rows: unknown[][]): string {
  const shown = rows.slice(0, SAMPLE).map(formatRow).join(', ');
  return rows.length > SAMPLE ? `${shown} and ${rows.length - SAMPLE} more` : shown;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function compareResults(expected: ResultSet, actual: ResultSet, opts: CompareOptions): Comparison {
  const expNames = expected.columns.map((c) => c.name);
  const actNames = actual.columns.map((c) => c.name);
  const shown = (names: string[]) => (opts.hidden ? '' : ` (${names.join(', ')})`);
  if (expected.columns.length !== actual.columns.length) {
    return {
      pass: false,
      message: `Your result has ${plural(actual.columns.length, 'column')}${shown(actNames)} but ${expected.columns.length} ${expected.columns.length === 1 ? 'was' : 'were'} expected${shown(expNames)}. Check the list after SELECT.`,
      expected: opts.hidden ? undefined : expNames.join(', '),
      actual: opts.hidden ? undefined : actNames.join(', '),
    };
  }
  for (let i = 0; i < expected.columns.length; i++) {
    const exp = expected.columns[i] as (typeof expected.columns)[number];
    const act = actual.columns[i] as (typeof actual.columns)[number];
    if (opts.columnNames && exp.name !== act.name) {
      if (opts.hidden)
        return { pass: false, message: `Column ${i + 1} ("${act.name}") is not named as the exercise asks.` };
      return {
        pass: false,
        message: `Column ${i + 1} is named "${act.name}" but should be named "${exp.name}". Rename it with AS ${exp.name}, or check the column order.`,
        expected: expNames.join(', '),
        actual: actNames.join(', '),
      };
    }
    const expFamily = typeFamily(exp.typeId);
    const actFamily = typeFamily(act.typeId);
    if (expFamily !== actFamily) {
      return {
        pass: false,
        message: `Column ${i + 1} ("${act.name}") holds ${describeFamily(actFamily)} but should hold ${describeFamily(expFamily)}. Check for a cast or a quoted value.`,
      };
    }
  }
  const expRows = normalizeRows(expected);
  const actRows = normalizeRows(actual);
  const missing = unmatched(expRows, actRows, opts.tolerance);
  const extra = unmatched(actRows, expRows, opts.tolerance);
  const counts = `Your query returned ${plural(actRows.length, 'row')}; ${expRows.length} expected.`;
  if (missing.length > 0 || extra.length > 0) {
    const parts = [counts];
    if (missing.length > 0) {
      parts.push(
        opts.hidden
          ? `${plural(missing.length, 'expected row')} ${missing.length === 1 ? 'is' : 'are'} missing.`
          : `Missing ${plural(missing.length, 'row')}: ${sample(missing)}.`,
      );
    }
    if (extra.length > 0) {
      parts.push(
        opts.hidden
          ? `${plural(extra.length, 'row')} should not be there.`
          : `${plural(extra.length, 'row')} should not be there: ${sample(extra)}.`,
      );
    }
    parts.push(
      missing.length > 0 && extra.length === 0
        ? 'Check your WHERE and JOIN conditions.'
        : 'Check your WHERE, JOIN and GROUP BY.',
    );
    return { pass: false, message: parts.join(' ') };
  }
  if (opts.ordered) {
    const firstOff = expRows.findIndex((row, i) => !sameRow(row, actRows[i] as unknown[], opts.tolerance));
    if (firstOff >= 0) {
      return {
        pass: false,
        message: opts.hidden
          ? 'The rows are right but in the wrong order. Check your ORDER BY.'
          : `The rows are right but in the wrong order: row ${firstOff + 1} should be ${formatRow(expRows[firstOff] as unknown[])}. Check your ORDER BY.`,
      };
    }
  }
  return { pass: true };
}
