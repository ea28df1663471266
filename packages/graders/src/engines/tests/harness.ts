/**
 * The guest-side `test`/`expect` harness for `tests` exercises. It only reports to the host through
 * the `register` function it is given; results are decided by the host (did each test function throw),
 * so a suite that redefines `expect` or `test` can only hurt itself.
 */
export const HARNESS = `((register) => {
  // The reference and the mutants differ only in source text: keep that text out of reach.
  Object.defineProperty(Function.prototype, 'toString', {
    value: function toString() { return 'function ' + (typeof this.name === 'string' ? this.name : '') + '() { [code] }'; },
    writable: true,
    configurable: true,
    enumerable: false,
  });
  const isArray = Array.isArray;
  const keys = Object.keys;
  const is = Object.is;
  const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const stringify = JSON.stringify;
  const str = String;
  class AssertionError extends Error {}
  AssertionError.prototype.name = 'AssertionError';
  const show = (v) => {
    try {
      if (typeof v === 'function') return '[Function]';
      if (typeof v === 'bigint') return str(v) + 'n';
      if (v === undefined) return 'undefined';
      if (typeof v === 'number') return str(v);
      const s = stringify(v);
      return s === undefined ? str(v) : s.length > 200 ? s.slice(0, 199) + '…' : s;
    } catch (_) {
      return '[value]';
    }
  };
  const deepEqual = (a, b, depth) => {
    if (is(a, b)) return true;
    if (depth > 100 || typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (isArray(a) !== isArray(b)) return false;
    if (isArray(a)) {
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i], depth + 1)) return false;
      return true;
    }
    if (a instanceof Date && b instanceof Date) return is(a.getTime(), b.getTime());
    const ka = keys(a).filter((k) => a[k] !== undefined);
    const kb = keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    for (const k of ka) if (!hasOwn(b, k) || !deepEqual(a[k], b[k], depth + 1)) return false;
    return true;
  };
  const errorMessage = (e) => (e !== null && typeof e === 'object' && typeof e.message === 'string' ? e.message : str(e));
  const matchers = (actual, negate) => {
    const check = (pass, said) => {
      if (pass === negate) throw new AssertionError('expected ' + show(actual) + (negate ? ' not ' : ' ') + said);
    };
    return {
      toBe: (v) => check(is(actual, v), 'to be ' + show(v)),
      toEqual: (v) => check(deepEqual(actual, v, 0), 'to equal ' + show(v)),
      toStrictEqual: (v) => check(deepEqual(actual, v, 0), 'to equal ' + show(v)),
      toBeTruthy: () => check(!!actual, 'to be truthy'),
      toBeFalsy: () => check(!actual, 'to be falsy'),
      toBeNull: () => check(actual === null, 'to be null'),
      toBeUndefined: () => check(actual === undefined, 'to be undefined'),
      toBeDefined: () => check(actual !== undefined, 'to be defined'),
      toBeGreaterThan: (v) => check(actual > v, 'to be greater than ' + show(v)),
      toBeGreaterThanOrEqual: (v) => check(actual >= v, 'to be at least ' + show(v)),
      toBeLessThan: (v) => check(actual < v, 'to be less than ' + show(v)),
      toBeLessThanOrEqual: (v) => check(actual <= v, 'to be at most ' + show(v)),
      toBeCloseTo: (v, digits = 2) => check(Math.abs(actual - v) < 10 ** -digits / 2, 'to be close to ' + show(v)),
      toHaveLength: (n) => check(actual != null && actual.length === n, 'to have length ' + show(n)),
      toContain: (item) =>
        check(
          typeof actual === 'string' ? actual.includes(item) : isArray(actual) && actual.some((x) => is(x, item)),
          'to contain ' + show(item),
        ),
      toMatch: (pattern) =>
        check(typeof actual === 'string' && (typeof pattern === 'string' ? actual.includes(pattern) : pattern.test(actual)), 'to match ' + str(pattern)),
      toThrow: (expected) => {
        if (typeof actual !== 'function') {
          throw new AssertionError('toThrow needs a function: write expect(() => yourCall()).toThrow()');
        }
        let threw = false;
        let message = '';
        try {
          actual();
        } catch (e) {
          threw = true;
          message = errorMessage(e);
        }
        const wanted = expected === undefined ? undefined : typeof expected === 'string' ? expected : errorMessage(expected);
        const pass = threw && (wanted === undefined || message.includes(wanted));
        if (pass === negate) {
          const what = wanted === undefined ? 'an error' : 'an error containing ' + show(wanted);
          const got = threw ? 'it threw ' + show(message) : 'it did not throw';
          throw new AssertionError('expected the function' + (negate ? ' not ' : ' ') + 'to throw ' + what + ', but ' + got);
        }
      },
    };
  };
  globalThis.expect = (actual) => {
    const m = matchers(actual, false);
    m.not = matchers(actual, true);
    return m;
  };
  const prefix = [];
  const test = (name, fn) => {
    if (typeof fn !== 'function') throw new TypeError('test(name, fn) needs a function as its second argument');
    register(prefix.concat([str(name)]).join(' > '), fn);
  };
  globalThis.test = test;
  globalThis.it = test;
  globalThis.describe = (name, fn) => {
    prefix.push(str(name));
    try {
      fn();
    } finally {
      prefix.pop();
    }
  };
})`;

/**
 * Beginners write `import { add } from './module'` out of habit; there is no module system here,
 * so named and namespace imports are rewritten to read from `subject` (same line count).
 */
export function rewriteImports(code: string): string {
  return code
    .replace(/^\s*import\s+\*\s+as\s+([\w$]+)\s+from\s+['"][^'"]+['"];?/gm, 'const $1 = subject;')
    .replace(/^\s*import\s+\{([^}]*)\}\s+from\s+['"][^'"]+['"];?/gm, (_, names: string) => {
      const bindings = names.replace(/\s+as\s+/g, ': ');
      return `const {${bindings}} = subject;`;
    });
}
