/** Builds the `req` object a learner's `handle(req)` receives, and names HTTP statuses in messages. */

type RequestSpec = {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
};

export interface HandlerRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body?: unknown;
}

/** `path` without its query string; `query` parsed from it (repeated keys become arrays). */
export function buildRequest(spec: RequestSpec): HandlerRequest {
  const url = new URL(spec.path, 'http://backpath.local');
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const previous = query[key];
    query[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(spec.headers ?? {})) headers[name.toLowerCase()] = value;
  if (spec.body !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
  const request: HandlerRequest = { method: spec.method.toUpperCase(), path: url.pathname, query, headers };
  if (spec.body !== undefined) request.body = spec.body;
  return request;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** `201 Created`, or just `299` for codes without a common name. */
export function statusLabel(status: number): string {
  const text = STATUS_TEXT[status];
  return text ? `${status} ${text}` : String(status);
}
