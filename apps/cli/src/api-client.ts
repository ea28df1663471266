/**
 * The one client for the Backpath API: JSON in and out, Bearer auth, and the error shape
 * `{ "error": { "code", "message", "details"? } }` turned into a `ApiError` the commands can act on.
 */
import type { GradeResult } from '@backpath/contracts';
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

  /** Polls a queued submission until it is graded (the API grades off the request path). */
  async waitForGrade(
    submission: Submission,
    opts: { intervalMs?: number; timeoutMs?: number } = {},
  ): Promise<Submission> {
    const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
    let current = submission;
    while (current.status !== 'graded') {
      if (current.status === 'failed') {
        throw new CliError(
          EXIT.apiError,
          `The server could not grade submission ${submission.id}.`,
          'Submit again; if it keeps failing, tell the server operator.',
        );
      }
      if (Date.now() > deadline)
        throw new CliError(
          EXIT.apiError,
          `Submission ${submission.id} was not graded in time.`,
          'Check it later in the browser.',
        );
      await new Promise((r) => setTimeout(r, opts.intervalMs ?? 500));
      current = await this.submission(submission.id);
    }
    return current;
  }
}
