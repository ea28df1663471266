/**
 * What a stage sees: an HTTP helper that records every exchange, `check()` to group them under a name,
 * expectation helpers that fail with a message for beginners, the seeded random source and the server.
 */
import { type Exchange, exchange, type TestRequest, type TestResponse } from './http-client.ts';
import type { Random } from './random.ts';
import type { ServerProcess } from './server-process.ts';
import type { CheckResult, LoadFigures, TesterEvents } from './types.ts';

/** Thrown by an expectation; the runner turns it into a failed check. */
export class CheckFailure extends Error {}

/** Thrown by `check()` after a failure is recorded: a stage stops at its first failed check. */
export class StageStopped extends Error {}

export interface Account {
  email: string;
  password: string;
  token: string;
}

export class StageContext {
  readonly baseUrl: string;
  readonly random: Random;
  readonly server: ServerProcess | undefined;
  readonly projectDir: string | undefined;
  readonly events: TesterEvents;
  /** From stage 7 on every earlier stage runs as this signed-up user (bookmark routes then need a token). */
  account: Account | undefined;
  /** True when the run reaches stage 7: bookmark routes then require a bearer token. */
  readonly authMode: boolean;
  /** A tag unique to this run so earlier runs' data never changes what a list returns. */
  readonly runTag: string;
  readonly results: CheckResult[] = [];
  load: LoadFigures | undefined;
  private current: Exchange[] = [];

  constructor(opts: {
    baseUrl: string;
    random: Random;
    server?: ServerProcess;
    projectDir?: string;
    events: TesterEvents;
    authMode: boolean;
  }) {
    this.authMode = opts.authMode;
    this.baseUrl = opts.baseUrl;
    this.random = opts.random;
    this.server = opts.server;
    this.projectDir = opts.projectDir;
    this.events = opts.events;
    this.runTag = `run-${this.random.word(6)}`;
  }

  /** Runs one named check; on failure records why and stops the stage (later checks build on earlier ones). */
  async check(name: string, body: () => Promise<void>): Promise<void> {
    this.current = [];
    let result: CheckResult;
    try {
      await body();
      result = { name, status: 'pass', exchanges: this.current };
    } catch (err) {
      if (!(err instanceof CheckFailure)) throw err;
      let message = err.message;
      // A server that already requires sign-in fails early stages with 401 when they run without a token.
      if (!this.authMode && message.includes('got 401 Unauthorized')) {
        message +=
          '\n  Hint: if your /bookmarks routes already require sign-in, test with --stage 7 or higher: the tester then signs in first.';
      }
      result = { name, status: 'fail', message, exchanges: this.current };
    }
    this.results.push(result);
    this.events.check?.(result);
    if (result.status === 'fail') throw new StageStopped(name);
  }

  /** Sends a request with the run's bearer token (if any) and records it under the current check. */
  async request(req: TestRequest, opts: { auth?: boolean | string } = {}): Promise<TestResponse> {
    const headers = { ...req.headers };
    const token = typeof opts.auth === 'string' ? opts.auth : opts.auth === false ? undefined : this.account?.token;
    if (token) headers.Authorization = `Bearer ${token}`;
    const ex = await exchange(this.baseUrl, { ...req, headers });
    this.current.push(ex);
    if (!ex.response) {
      throw new CheckFailure(
        `${req.method} ${req.path} got no response (${ex.error}). Is your server still running? Did it crash on this request?`,
      );
    }
    return ex.response;
  }

  fail(message: string): never {
    throw new CheckFailure(message);
  }
}
