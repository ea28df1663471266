/**
 * Turns the tagged JSON a Python child reports for a return value (see child/harness.py) into the
 * host-side `Copied` model the JavaScript engine uses, so both languages are judged by one comparison.
 * The text comes from an untrusted process: anything malformed is rejected, nothing is evaluated.
 */
import { type Copied, type CopiedObject, formatValue, Opaque, putKey } from '../../../sandbox/values.ts';

const MAX_DEPTH = 100;

export class DecodeError extends Error {}

export function decodeValue(text: string): Copied {
  return decode(JSON.parse(text) as unknown, 0);
}

function decode(value: unknown, depth: number): Copied {
  if (depth > MAX_DEPTH) throw new DecodeError('value nested too deeply');
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') {
    return value;
  }
  if (!Array.isArray(value) || typeof value[0] !== 'string') throw new DecodeError('malformed value');
  const [tag, ...rest] = value as [string, ...unknown[]];
  switch (tag) {
    case 'L':
      return rest.map((item) => decode(item, depth + 1));
    case 'D': {
      if (rest.length % 2 !== 0) throw new DecodeError('malformed dictionary');
      const object: CopiedObject = {};
      for (let i = 0; i < rest.length; i += 2) {
        const key = rest[i];
        if (typeof key !== 'string') throw new DecodeError('malformed dictionary key');
        putKey(object, key, decode(rest[i + 1], depth + 1));
      }
      return object;
    }
    case 'I':
      if (typeof rest[0] !== 'string' || !/^-?\d{1,4000}$/.test(rest[0])) throw new DecodeError('malformed integer');
      return BigInt(rest[0]);
    case 'F':
      if (rest[0] === 'nan') return Number.NaN;
      if (rest[0] === 'inf') return Number.POSITIVE_INFINITY;
      if (rest[0] === '-inf') return Number.NEGATIVE_INFINITY;
      throw new DecodeError('malformed float');
    case 'S': {
      const items = rest.map((item) => formatValue(decode(item, depth + 1)));
      return new Opaque(items.length === 0 ? 'set()' : `{${items.join(', ')}}`, 'a set');
    }
    case 'O':
      if (typeof rest[0] !== 'string' || typeof rest[1] !== 'string') throw new DecodeError('malformed object');
      return new Opaque(rest[0].slice(0, 80), rest[1].slice(0, 80));
    default:
      throw new DecodeError(`unknown tag ${JSON.stringify(tag).slice(0, 20)}`);
  }
}
