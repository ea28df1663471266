import { describe, expect, it } from 'vitest';
import { compareResults } from './compare.ts';
import type { ResultSet } from './result-set.ts';

const INT = 23;
const BIGINT = 20;
const TEXT = 25;
const NUMERIC = 1700;
const set = (columns: [string, number][], rows: unknown[][]): ResultSet => ({
  columns: columns.map(([name, typeId]) => ({ name, typeId })),
  rows,
});
const opts = { ordered: false, columnNames: true, tolerance: 0, hidden: false };
const people = set(
  [
    ['id', INT],
    ['name', TEXT],
  ],
  [
    [1, 'Ada'],
    [2, 'Grace'],
  ],
);

describe('compareResults', () => {
  it('accepts the same rows in another order when order does not matter', () => {
    const swapped = set(
      [
        ['id', BIGINT],
        ['name', TEXT],
      ],
      [
        [2, 'Grace'],
        [1, 'Ada'],
      ],
    );
    expect(compareResults(people, swapped, opts).pass).toBe(true);
  });

  it('explains a wrong number of columns', () => {
    const one = set([['name', TEXT]], [['Ada'], ['Grace']]);
    const cmp = compareResults(people, one, opts);
    expect(cmp.pass).toBe(false);
    expect(cmp.message).toContain('1 column (name) but 2 were expected (id, name)');
  });

  it('names a wrongly named column and suggests AS, unless names do not matter', () => {
    const renamed = set(
      [
        ['id', INT],
        ['full_name', TEXT],
      ],
      people.rows,
    );
    expect(compareResults(people, renamed, opts).message).toContain('named "full_name" but should be named "name"');
    expect(compareResults(people, renamed, { ...opts, columnNames: false }).pass).toBe(true);
  });

  it('reports a column of the wrong type', () => {
    const asText = set(
      [
        ['id', TEXT],
        ['name', TEXT],
      ],
      [
        ['1', 'Ada'],
        ['2', 'Grace'],
      ],
    );
    expect(compareResults(people, asText, opts).message).toContain('holds text but should hold numbers');
  });

  it('lists missing and extra rows', () => {
    const wrong = set(
      people.columns.map((c) => [c.name, c.typeId]),
      [
        [1, 'Ada'],
        [3, 'Linus'],
      ],
    );
    const cmp = compareResults(people, wrong, opts);
    expect(cmp.message).toContain("Missing 1 row: (2, 'Grace')");
    expect(cmp.message).toContain("1 row should not be there: (3, 'Linus')");
  });

  it('reports rows in the wrong order when order matters', () => {
    const reversed = set(
      people.columns.map((c) => [c.name, c.typeId]),
      [
        [2, 'Grace'],
        [1, 'Ada'],
      ],
    );
    const cmp = compareResults(people, reversed, { ...opts, ordered: true });
    expect(cmp.message).toContain("wrong order: row 1 should be (1, 'Ada')");
  });

  it('compares numbers within the declared tolerance', () => {
    const avg = set([['avg', NUMERIC]], [['3.3333333']]);
    const rounded = set([['avg', NUMERIC]], [['3.33']]);
    expect(compareResults(avg, rounded, opts).pass).toBe(false);
    expect(compareResults(avg, rounded, { ...opts, tolerance: 0.01 }).pass).toBe(true);
  });

  it('never shows data for hidden checks', () => {
    const wrong = set(
      people.columns.map((c) => [c.name, c.typeId]),
      [[1, 'Ada']],
    );
    const cmp = compareResults(people, wrong, { ...opts, hidden: true });
    expect(cmp.message).toContain('1 expected row is missing');
    expect(cmp.message).not.toContain('Grace');
  });
});
