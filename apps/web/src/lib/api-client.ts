/**
 * The web app's one API client: same-origin JSON requests with the session cookie, and one error
 * type that understands the server's `{ error: { code, message, details? } }` shape.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Turns any failed response into an ApiError with words a person can read. */
export async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const err = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
  const fallback =
    res.status === 404
      ? 'Not found.'
      : res.status >= 500
        ? 'The server had a problem. Please try again in a moment.'
        : `Request failed (${res.status}).`;
  return new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? fallback, err?.details);
}

export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // Tells the server the learner's time zone, so streaks and heatmaps follow their local days.
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (tz) headers['x-time-zone'] = tz;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const put = <T>(path: string, body?: unknown) => api<T>('PUT', path, body ?? {});
export const patch = <T>(path: string, body?: unknown) => api<T>('PATCH', path, body ?? {});
export const del = <T>(path: string, body?: unknown) => api<T>('DELETE', path, body);

export const isNotFound = (err: unknown) => err instanceof ApiError && err.status === 404;
export const isUnauthorized = (err: unknown) => err instanceof ApiError && err.status === 401;
