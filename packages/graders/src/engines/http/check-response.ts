/** Compares one copied-out response with a request's expectations and words the first difference. */
import { type Copied, compareValues, formatValue, isPlainObject } from '../../sandbox/values.ts';
import { statusLabel } from './request.ts';

export interface ResponseExpectation {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  bodyIncludes?: Record<string, unknown>;
}

export interface ResponseProblem {
  message: string;
  expected: string;
  actual: string;
}

/** `label` is e.g. `POST /bookmarks`. Returns undefined when the response meets every expectation. */
export function checkResponse(
  label: string,
  response: Copied,
  expect: ResponseExpectation,
): ResponseProblem | undefined {
  if (!isPlainObject(response) || typeof response.status !== 'number') {
    return {
      message: `${label}: handle(req) must return an object like { status: 200, body: … }, but it returned ${formatValue(response)}.`,
      expected: '{ status, headers?, body? }',
      actual: formatValue(response),
    };
  }
  const { status } = response;
  if (expect.status !== undefined && status !== expect.status) {
    return {
      message: `${label} returned status ${statusLabel(status)}, expected ${statusLabel(expect.status)}.`,
      expected: `status ${expect.status}`,
      actual: `status ${status}`,
    };
  }
  const headers = lowerCaseHeaders(response.headers);
  for (const [name, value] of Object.entries(expect.headers ?? {})) {
    const got = headers[name.toLowerCase()];
    if (got !== value) {
      const said = got === undefined ? 'no such header' : JSON.stringify(got);
      return {
        message: `${label} returned header ${name}: ${said}, expected ${JSON.stringify(value)}.`,
        expected: `${name}: ${value}`,
        actual: got === undefined ? '(missing)' : `${name}: ${got}`,
      };
    }
  }
  const body = parsedBody(response.body, expect);
  if ('body' in expect && expect.body !== undefined) {
    const mismatch = compareValues(body, expect.body);
    if (mismatch) {
      const where = mismatch.path ? ` (at \`${mismatch.path.replace(/^\./, '')}\`)` : '';
      return {
        message: `${label} returned body ${formatValue(body)}, expected ${formatValue(expect.body)}${where}.`,
        expected: formatValue(expect.body),
        actual: formatValue(body),
      };
    }
  }
  for (const [key, value] of Object.entries(expect.bodyIncludes ?? {})) {
    const got = isPlainObject(body) ? body[key] : undefined;
    if (!isPlainObject(body) || compareValues(got, value)) {
      const said = isPlainObject(body)
        ? got === undefined
          ? `has no "${key}"`
          : `has "${key}": ${formatValue(got)}`
        : `is ${formatValue(body)}`;
      return {
        message: `${label} returned a body that ${said}; expected "${key}": ${formatValue(value)}.`,
        expected: `"${key}": ${formatValue(value)}`,
        actual: formatValue(body),
      };
    }
  }
  return undefined;
}

function lowerCaseHeaders(headers: Copied): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isPlainObject(headers)) return result;
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && value !== null) result[name.toLowerCase()] = String(value);
  }
  return result;
}

/** A handler that returns `JSON.stringify(data)` as its body is judged on the data. */
function parsedBody(body: Copied, expect: ResponseExpectation): Copied {
  const wantsData = (expect.body !== undefined && typeof expect.body !== 'string') || expect.bodyIncludes !== undefined;
  if (typeof body !== 'string' || !wantsData) return body;
  try {
    return JSON.parse(body) as Copied;
  } catch {
    return body;
  }
}
