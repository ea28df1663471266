/**
 * The one client for the Backpath API: JSON in and out, Bearer auth, and the error shape
 * `{ "error": { "code", "message", "details"? } }` turned into a `ApiError` the commands can act on.
 */
import type { GradeResult } from '@backpath/contracts';
import { readEvents } from './event-stream.ts';
import { CliError, EXIT } from './exit-codes.ts';

export class ApiError extends CliError {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    const hint =
      status === 401
        ? 'Your login has expired or was revoked: run `backpath login`.'
        : status >= 500
          ? 'The server had a problem; try again in a moment.'
          : undefined;
    super(EXIT.apiError, message, hint);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export interface Me {
  id: string;
  email: string;
  name: string;
  role: string;
}

export interface ProgressStage {
  id: string;
  title: string;
  number: number;
  done: number;
  total: number;
  percent: number;
}

export interface Progress {
  overall: { done: number; total: number; percent: number };
  stages: ProgressStage[];
}

export interface DeviceCode {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  intervalSeconds: number;
  expiresInSeconds: number;
}

export interface PublicExercise {
  id: string;
  title: string;
  kind: string;
  instructions: string;
  starter: string;
  language?: string;
  [key: string]: unknown;
}

export interface Submission {
  id: string;
  status: 'queued' | 'grading' | 'graded' | 'failed';
  result?: GradeResult;
}

export class ApiClient {
  readonly server: string;
  private readonly token: string | undefined;
  private readonly fetchImpl: typeof fetch;

  constructor(server: string, token?: string, fetchImpl: typeof fetch = fetch) {
    this.server = server;
    this.token = token;
    this.fetchImpl = fetchImpl;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.server}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (err) {
      throw new CliError(
        EXIT.apiError,
        `Could not reach the Backpath server at ${this.server} (${(err as Error).cause ?? (err as Error).message}).`,
        'Check the address (--server, BACKPATH_SERVER or `backpath login --server`) and that the server is running.',
      );
    }
    const text = await res.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    if (!res.ok) {
      const e = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
      throw new ApiError(
        res.status,
        e?.code ?? `http_${res.status}`,
        e?.message ?? `The server answered ${res.status} ${res.statusText}.`,
        e?.details,
      );
    }
    return data as T;
  }

  deviceCode = () => this.request<DeviceCode>('POST', '/api/auth/device/code', {});
  deviceToken = (deviceCode: string) =>
    this.request<{ token: string }>('POST', '/api/auth/device/token', { deviceCode });
  me = () => this.request<Me>('GET', '/api/me');
  progress = () => this.request<Progress>('GET', '/api/progress');
  exercise = (id: string) => this.request<PublicExercise>('GET', `/api/exercises/${encodeURIComponent(id)}`);
  submit = (id: string, code: string, mode: 'run' | 'submit') =>
    this.request<Submission>('POST', `/api/exercises/${encodeURIComponent(id)}/submissions`, { code, mode });
  submission = (id: string) => this.request<Submission>('GET', `/api/submissions/${encodeURIComponent(id)}`);
  submitReport = (projectId: string, report: unknown) =>
    this.request<{ id: string }>('POST', `/api/projects/${encodeURIComponent(projectId)}/reports`, { report });

  /**
   * Waits for a queued submission's verdict through its server-sent events stream
   * (`GET /api/submissions/:id/events`, one `result` event); polls `GET /api/submissions/:id` instead
   * when the stream fails or says nothing for `silenceMs`. Whichever settles first wins.
   */
  async waitForGrade(
    submission: Submission,
    opts: { intervalMs?: number; timeoutMs?: number; silenceMs?: number } = {},
  ): Promise<Submission> {
    if (isSettled(submission)) return verdict(submission);
    const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
    const done = new AbortController();
    let streamFailed = () => {};
    const failed = new Promise<void>((r) => {
      streamFailed = r;
    });
    const fromStream = this.#streamVerdict(submission.id, done.signal)
      .catch(() => undefined)
      .then((s) => {
        if (s && isSettled(s)) return s;
        streamFailed();
        return never<Submission>();
      });
    const fromPoll = Promise.race([failed, pause(opts.silenceMs ?? 10_000, done.signal)]).then(() =>
      this.#pollVerdict(submission.id, deadline, opts.intervalMs ?? 500, done.signal),
    );
    try {
      return verdict(await Promise.race([fromStream, fromPoll]));
    } finally {
      done.abort();
    }
  }

  /** The stream's settled submission; undefined when it ends without one; throws when it cannot be read. */
  async #streamVerdict(id: string, signal: AbortSignal): Promise<Submission | undefined> {
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    const res = await this.fetchImpl(`${this.server}/api/submissions/${encodeURIComponent(id)}/events`, {
      headers,
      signal,
    });
    if (!res.ok || !res.body) throw new Error(`the event stream answered ${res.status}`);
    for await (const e of readEvents(res.body)) {
      if (e.event === 'result' || e.event === 'timeout') return JSON.parse(e.data) as Submission;
      if (e.event === 'error') throw new Error('the server could not read the submission');
    }
    return undefined;
  }

  async #pollVerdict(id: string, deadline: number, firstWaitMs: number, signal: AbortSignal): Promise<Submission> {
    let wait = firstWaitMs;
    while (!signal.aborted) {
      try {
        const current = await this.submission(id);
        if (isSettled(current)) return current;
      } catch (err) {
        // A 4xx will not improve by asking again; a 5xx or a dropped connection might.
        if (!(err instanceof CliError) || (err instanceof ApiError && err.status < 500)) throw err;
      }
      if (Date.now() + wait > deadline)
        throw new CliError(EXIT.apiError, `Submission ${id} was not graded in time.`, 'Check it later in the browser.');
      await pause(wait, signal);
      wait = Math.min(2000, wait * 1.5);
    }
    return never();
  }
}

const isSettled = (s: Submission) => s.status === 'graded' || s.status === 'failed';

function verdict(s: Submission): Submission {
  if (s.status === 'failed') {
    throw new CliError(
      EXIT.apiError,
      `The server could not grade submission ${s.id}.`,
      'Submit again; if it keeps failing, tell the server operator.',
    );
  }
  return s;
}

/** A promise that never settles: the losing side of a race. */
const never = <T>() => new Promise<T>(() => {});

/** Waits `ms`, or less if `signal` aborts; never rejects. */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
