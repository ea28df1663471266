/**
 * The only body parser: JSON with a nesting-depth limit. Fastify's default parser accepts any depth
 * (a 100,000-deep body parses, or overflows the stack) and also accepts `text/plain`, which lets a
 * cross-site "simple" POST reach JSON routes without a CORS preflight. Both are closed here.
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

export function registerJsonBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      return done(new AppError('bad_request', `JSON is nested more than ${MAX_JSON_DEPTH} levels deep.`), undefined);
    }
    try {
      // Reject prototype-pollution keys outright rather than trusting every consumer to ignore them.
      done(
        null,
        JSON.parse(text, (key, value) => (key === '__proto__' ? undefined : value)),
      );
    } catch {
      done(new AppError('bad_request', 'The request body is not valid JSON.'), undefined);
    }
  });
}
