/**
 * Host-side model of values copied out of the sandbox: how to show them to a learner and how to
 * compare them with an expected JSON value. Nothing here ever runs learner code.
 */

/** A guest value that has no JSON shape (function, symbol, …), kept only as a label for messages. */
export class Opaque {
  readonly label: string;
  /** How a message names it: "a Set", "a function". */
  readonly kind: string;
  constructor(label: string, kind = 'a special value') {
    this.label = label;
    this.kind = kind;
  }
}

export type Copied = undefined | null | boolean | number | string | bigint | Opaque | Copied[] | CopiedObject;
export interface CopiedObject {
  [key: string]: Copied;
}

const MAX_DISPLAY = 2_000;

export function isPlainObject(value: unknown): value is CopiedObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Opaque);
}

/** Defines a key without ever hitting a setter (a key may be `__proto__`). */
export function putKey(target: CopiedObject, key: string, value: Copied): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The value as a learner would write it: JSON-like, but showing undefined, NaN, -0 and bigints. */
export function formatValue(value: Copied | unknown): string {
  const text = format(value, 0);
  return text.length > MAX_DISPLAY ? `${text.slice(0, MAX_DISPLAY)}…` : text;
}

function format(value: unknown, depth: number): string {
  if (depth > 20) return '…';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value === 'boolean') return String(value);
  if (value instanceof Opaque) return value.label;
  if (Array.isArray(value)) return `[${value.map((v) => format(v, depth + 1)).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as CopiedObject).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const body = entries.map(([k, v]) => `${identifierOrQuoted(k)}: ${format(v, depth + 1)}`).join(', ');
    return `{ ${body} }`;
  }
  return String(value);
}

function identifierOrQuoted(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}

/** "a number", "an array", … for messages such as `returned "5" (a string), expected 5 (a number)`. */
export function describeType(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Opaque) return value.kind;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  return typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
}

export interface CompareOptions {
  /** Arrays are compared as multisets, at every depth. */
  unordered?: boolean;
  /** Absolute tolerance for numbers. */
  tolerance?: number;
}

/** Where two values first differ; `path` is empty at the top level. */
export interface Mismatch {
  path: string;
  actual: unknown;
  expected: unknown;
}

/** Deep comparison on copies (JSON semantics: keys holding undefined count as absent). */
export function compareValues(actual: unknown, expected: unknown, options: CompareOptions = {}): Mismatch | null {
  return compareAt(actual, expected, options, '');
}

function compareAt(actual: unknown, expected: unknown, options: CompareOptions, path: string): Mismatch | null {
  const here = { path, actual, expected };
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isNaN(expected) || Number.isNaN(actual))
      return Number.isNaN(expected) && Number.isNaN(actual) ? null : here;
    const tolerance = options.tolerance ?? 0;
    return actual === expected || Math.abs(actual - expected) <= tolerance ? null : here;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return here;
    if (actual.length !== expected.length) return here;
    if (options.unordered) return sameMultiset(actual, expected, options) ? null : here;
    for (let i = 0; i < expected.length; i++) {
      const inner = compareAt(actual[i], expected[i], options, `${path}[${i}]`);
      if (inner) return inner;
    }
    return null;
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return here;
    const expectedKeys = definedKeys(expected);
    const actualKeys = definedKeys(actual);
    for (const key of expectedKeys) {
      if (!actualKeys.includes(key)) return { path: joinPath(path, key), actual: undefined, expected: expected[key] };
      const inner = compareAt(actual[key], expected[key], options, joinPath(path, key));
      if (inner) return inner;
    }
    const extra = actualKeys.find((k) => !expectedKeys.includes(k));
    return extra === undefined ? null : { path: joinPath(path, extra), actual: actual[extra], expected: undefined };
  }
  return actual === expected ? null : here;
}

function sameMultiset(actual: unknown[], expected: unknown[], options: CompareOptions): boolean {
  const used = new Array<boolean>(actual.length).fill(false);
  return expected.every((want) => {
    const index = actual.findIndex((got, i) => !used[i] && compareAt(got, want, options, '') === null);
    if (index < 0) return false;
    used[index] = true;
    return true;
  });
}

function definedKeys(value: CopiedObject): string[] {
  return Object.keys(value).filter((k) => value[k] !== undefined);
}

function joinPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
