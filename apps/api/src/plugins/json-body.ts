/**
 * The only body parser: JSON with a nesting-depth limit. Fastify's default parser accepts any depth
 * (a 100,000-deep body parses, or overflows the stack) and also accepts `text/plain`, which lets a
 * cross-site "simple" POST reach JSON routes without a CORS preflight. Both are closed here.
 * A NUL character (`\u0000`) anywhere in the body is refused here too: PostgreSQL cannot store it
 * in `text`, so letting it through turns an ordinary note or link title into a 500.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

export const MAX_JSON_DEPTH = 32;

/** Depth of the deepest array/object nesting, counted outside strings, stopping past `limit`. */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92)
        i++; // backslash: skip the escaped character
      else if (ch === 34) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 || ch === 91) {
      if (++depth > limit) return true;
    } else if (ch === 125 || ch === 93) depth--;
  }
  return false;
}

/** Where the first NUL character sits in a parsed value: `prefix/a/0/b`, or undefined when there is none. */
export function nulField(value: unknown, prefix: string): { field: string; inName: boolean } | undefined {
  if (typeof value === 'string') return value.includes('\0') ? { field: prefix, inName: false } : undefined;
  if (!value || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    if (key.includes('\0')) return { field: prefix, inName: true };
    const found = nulField(child, `${prefix}/${key}`);
    if (found) return found;
  }
  return undefined;
}

/** The 400 for a NUL character, naming the field the way validation errors do (`body/title`). */
export function nulError(found: { field: string; inName: boolean }): AppError {
  const where = found.inName ? `A property name in ${found.field}` : found.field;
  return new AppError(
    'validation_failed',
    `${where} contains a NUL character (\\u0000), which cannot be stored; remove it.`,
    [{ field: found.field, problem: 'contains a NUL character (\\u0000)' }],
  );
}

export function registerJsonBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      return done(new AppError('bad_request', `JSON is nested more than ${MAX_JSON_DEPTH} levels deep.`), undefined);
    }
    let parsed: unknown;
    try {
      // Reject prototype-pollution keys outright rather than trusting every consumer to ignore them.
      parsed = JSON.parse(text, (key, value) => (key === '__proto__' ? undefined : value));
    } catch {
      return done(new AppError('bad_request', 'The request body is not valid JSON.'), undefined);
    }
    // JSON can only carry a NUL as the escape `\u0000`, so a body without that text needs no walk.
    const nul = text.includes('\\u0000') ? nulField(parsed, 'body') : undefined;
    if (nul) return done(nulError(nul), undefined);
    done(null, parsed);
  });
}
