/** Expectations for stages: each failure says what was expected, what came back, and a hint. */
import { STATUS_CODES } from 'node:http';
import { CheckFailure } from './context.ts';
import type { TestResponse } from './http-client.ts';

export type Json = Record<string, unknown>;

function statusName(code: number): string {
  return `${code} ${STATUS_CODES[code] ?? ''}`.trim();
}

export function snippet(text: string, max = 200): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max)}…` : one || '(empty body)';
}

function failWith(message: string, hint?: string): never {
  throw new CheckFailure(hint ? `${message}\n  Hint: ${hint}` : message);
}

export function expectStatus(res: TestResponse, expected: number | number[], hint?: string): void {
  const list = Array.isArray(expected) ? expected : [expected];
  if (list.includes(res.status)) return;
  failWith(
    `Expected status ${list.map(statusName).join(' or ')}, got ${statusName(res.status)}. Body: ${snippet(res.body)}`,
    hint,
  );
}

export function expectJsonContentType(res: TestResponse): void {
  const type = res.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    failWith(
      `Expected header Content-Type: application/json, got ${type ? `"${type}"` : 'no Content-Type'}.`,
      'Send every JSON body with Content-Type: application/json so browsers never treat it as HTML.',
    );
  }
}

/** Checks the Content-Type and that the body is a JSON object; returns it. */
export function expectJsonObject(res: TestResponse): Json {
  expectJsonContentType(res);
  if (typeof res.json !== 'object' || res.json === null || Array.isArray(res.json)) {
    failWith(`Expected a JSON object in the body, got: ${snippet(res.body)}`);
  }
  return res.json as Json;
}

/** The agreed error shape: `{ "error": { "message": "<non-empty>" } }`. */
export function expectErrorBody(res: TestResponse): string {
  const body = expectJsonObject(res);
  const error = body.error as Json | undefined;
  if (typeof error !== 'object' || error === null || typeof error.message !== 'string' || error.message === '') {
    failWith(
      `Expected an error body like {"error":{"message":"..."}}, got: ${snippet(res.body)}`,
      'Every 4xx/5xx answer carries {"error":{"message": "what went wrong"}}.',
    );
  }
  return error.message;
}

export function expectHeader(res: TestResponse, name: string, test?: (v: string) => boolean, want?: string): string {
  const value = res.headers[name.toLowerCase()];
  if (value === undefined) failWith(`Expected a ${name} header${want ? ` (${want})` : ''}, but the response has none.`);
  if (test && !test(value)) failWith(`Expected header ${name}${want ? ` to be ${want}` : ''}, got "${value}".`);
  return value;
}

export function expectEqual(what: string, actual: unknown, expected: unknown, hint?: string): void {
  if (JSON.stringify(actual) === JSON.stringify(expected)) return;
  failWith(`Expected ${what} to be ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}.`, hint);
}

export function expectTrue(condition: boolean, message: string, hint?: string): asserts condition {
  if (!condition) failWith(message, hint);
}
