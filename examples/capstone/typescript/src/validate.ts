/** Input checks for bookmarks and query strings; each failure names the field and the rule. */
import { HttpError } from './http-utils.ts';

export interface BookmarkFields {
  url?: string;
  title?: string;
  tags?: string[];
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** `partial` is for PATCH: only the fields present are checked, and at least one must be. */
export function bookmarkFields(body: unknown, partial: boolean): BookmarkFields {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'The body must be a JSON object.');
  }
  const b = body as Record<string, unknown>;
  const out: BookmarkFields = {};
  if (b.url !== undefined || !partial) {
    if (typeof b.url !== 'string' || !isHttpUrl(b.url) || b.url.length > 2048) {
      throw new HttpError(400, '"url" must be an http:// or https:// URL of at most 2048 characters.');
    }
    out.url = b.url;
  }
  if (b.title !== undefined || !partial) {
    if (typeof b.title !== 'string' || b.title.trim() === '' || b.title.length > 200) {
      throw new HttpError(400, '"title" must be a non-empty string of at most 200 characters.');
    }
    out.title = b.title;
  }
  if (b.tags !== undefined) {
    if (
      !Array.isArray(b.tags) ||
      !b.tags.every((t) => typeof t === 'string' && t.length > 0 && t.length <= 50) ||
      b.tags.length > 20
    ) {
      throw new HttpError(400, '"tags" must be an array of at most 20 non-empty strings (50 characters each).');
    }
    out.tags = b.tags;
  } else if (!partial) {
    out.tags = [];
  }
  if (partial && Object.keys(out).length === 0)
    throw new HttpError(400, 'Send at least one of "url", "title", "tags".');
  return out;
}

export function intParam(params: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    throw new HttpError(400, `"${name}" must be a whole number from ${min} to ${max}.`);
  }
  return n;
}

export function credentials(body: unknown): { email: string; password: string } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof b.email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(b.email) || b.email.length > 254) {
    throw new HttpError(400, '"email" must be an email address.');
  }
  if (typeof b.password !== 'string' || b.password.length < 8 || b.password.length > 200) {
    throw new HttpError(400, '"password" must be 8 to 200 characters.');
  }
  return { email: b.email.toLowerCase(), password: b.password };
}
