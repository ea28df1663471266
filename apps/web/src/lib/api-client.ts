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

/** The part of the browser's EventSource that `followEvents` uses (a test passes a stand-in). */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}
export type EventSourceFactory = (url: string) => EventSourceLike;

export interface FollowOptions<T> {
  /** The server-sent events stream: one `result` event with the settled value, then close. */
  streamUrl: string;
  /** Reads the current value (the fallback when the stream fails or stays silent). */
  poll: () => Promise<T>;
  settled: (value: T) => boolean;
  /** Polling starts when the stream has said nothing for this long (the stream stays open). */
  silenceMs?: number;
  /** Gives up (rejects) after this long without a settled value. */
  timeoutMs?: number;
  openStream?: EventSourceFactory;
  sleep?: (ms: number) => Promise<unknown>;
}

const browserStream = (): EventSourceFactory | undefined =>
  typeof EventSource === 'undefined' ? undefined : (url) => new EventSource(url);

/**
 * Waits for a value to settle through its server-sent events stream; when the stream fails (an
 * error status, a dropped connection, an `error` event) or is silent for `silenceMs`, polls instead,
 * backing off from 0.5 to 2 s. The first settled value wins and everything else is stopped.
 */
export function followEvents<T>(opts: FollowOptions<T>): Promise<T> {
  const { silenceMs = 10_000, timeoutMs = 120_000 } = opts;
  const sleep = opts.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const open = opts.openStream ?? browserStream();
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let polling = false;
    let source: EventSourceLike | undefined;
    const stop = () => {
      done = true;
      source?.close();
      clearTimeout(silence);
      clearTimeout(deadline);
    };
    const finish = (value: T) => {
      if (done) return;
      stop();
      resolve(value);
    };
    const fail = (err: unknown) => {
      if (done) return;
      stop();
      reject(err);
    };
    const startPolling = async () => {
      if (polling || done) return;
      polling = true;
      let wait = 500;
      while (!done) {
        try {
          const value = await opts.poll();
          if (opts.settled(value)) return finish(value);
        } catch (err) {
          // A 4xx will not get better by asking again; a network blip or a 5xx might.
          if (err instanceof ApiError && err.status >= 400 && err.status < 500) return fail(err);
        }
        await sleep(wait);
        wait = Math.min(2000, wait * 1.5);
      }
    };
    const fallBack = () => {
      source?.close();
      void startPolling();
    };
    const silence = setTimeout(() => void startPolling(), silenceMs);
    const deadline = setTimeout(
      () => fail(new ApiError(504, 'still_grading', 'This is taking longer than usual. Check back in a moment.')),
      timeoutMs,
    );
    if (!open) return void startPolling();
    try {
      source = open(opts.streamUrl);
    } catch {
      return void startPolling();
    }
    const settledFrom = (event: MessageEvent<string>) => {
      try {
        const value = JSON.parse(event.data) as T;
        if (opts.settled(value)) return finish(value);
      } catch {
        // not JSON: treat it like a broken stream
      }
      fallBack();
    };
    source.addEventListener('result', settledFrom);
    // The server's `timeout` carries the value as it stands after its wait; not settled means poll.
    source.addEventListener('timeout', settledFrom);
    // A failed connection and the server's own `error` event both land here.
    source.addEventListener('error', fallBack);
  });
}
