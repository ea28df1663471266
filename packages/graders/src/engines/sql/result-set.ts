/**
 * Normalises PGlite results into comparable, JSON-safe values grouped by type family, so that
 * `count(*)` (bigint) and `count(*)::int` compare equal while a number stored as text does not.
 */

export interface Column {
  name: string;
  typeId: number;
}

export interface ResultSet {
  columns: Column[];
  rows: unknown[][];
}

const FAMILIES: Record<number, string> = {
  20: 'number',
  21: 'number',
  23: 'number',
  26: 'number',
  700: 'number',
  701: 'number',
  1700: 'number',
  18: 'text',
  19: 'text',
  25: 'text',
  1042: 'text',
  1043: 'text',
  16: 'boolean',
  1082: 'date',
  1114: 'timestamp',
  1184: 'timestamp',
  1083: 'time',
  1266: 'time',
  1186: 'interval',
  114: 'json',
  3802: 'json',
  2950: 'uuid',
  17: 'bytes',
};

const FAMILY_WORDS: Record<string, string> = {
  number: 'numbers',
  text: 'text',
  boolean: 'true/false values',
  date: 'dates',
  timestamp: 'timestamps',
  time: 'times of day',
  interval: 'intervals',
  json: 'JSON',
  uuid: 'UUIDs',
  bytes: 'binary data',
};

export function typeFamily(typeId: number): string {
  return FAMILIES[typeId] ?? `type-${typeId}`;
}

export function describeFamily(family: string): string {
  return FAMILY_WORDS[family] ?? 'values of another type';
}

/** A JSON-safe value in canonical form for its column's family. */
export function normalizeValue(value: unknown, family: string): unknown {
  if (value === null || value === undefined) return null;
  if (family === 'number') {
    const n = Number(value);
    return Number.isNaN(n) ? String(value) : n;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object')
    return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
  return value;
}

export function normalizeRows(set: ResultSet): unknown[][] {
  const families = set.columns.map((c) => typeFamily(c.typeId));
  return set.rows.map((row) => row.map((v, i) => normalizeValue(v, families[i] ?? '')));
}

/** A row as the learner would write it in SQL: `(1, 'Ada', NULL)`. */
export function formatRow(row: unknown[]): string {
  const cells = row.map((v) => {
    if (v === null) return 'NULL';
    if (typeof v === 'string') return `'${v.length > 60 ? `${v.slice(0, 60)}…` : v}'`;
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  });
  return `(${cells.join(', ')})`;
}

/** Approximate size of a result in bytes, to cap what a submission may return. */
export function resultBytes(rows: unknown[][]): number {
  let bytes = 0;
  for (const row of rows) {
    for (const v of row) bytes += typeof v === 'string' ? v.length : v instanceof Uint8Array ? v.byteLength : 8;
  }
  return bytes;
}
