/**
 * What a stage sees: an HTTP helper that records every exchange, `check()` to group them under a name,
 * expectation helpers that fail with a message for beginners, the seeded random source, the server and
 * hints in the learner's language.
 */
import { type Exchange, exchange, type TestRequest, type TestResponse } from './http-client.ts';
import { hintsFor, type LanguageHints } from './project-language.ts';
import type { Random } from './random.ts';
import type { ServerProcess } from './server-process.ts';
import type { CheckResult, LoadFigures, TesterEvents } from './types.ts';

/** Thrown by an expectation; the runner turns it into a failed check. */
export class CheckFailure extends Error {}

/** What `check()` returns: later checks that use its result name it in `needs`. */
export interface CheckOutcome {
  name: string;
  passed: boolean;
}

export interface CheckOptions {
  /** Earlier checks this one builds on (an id they created, a token); if one did not pass, this is skipped. */
  needs?: CheckOutcome | CheckOutcome[];
}

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
  /** Set when the learner's server died on its own: every later check is skipped. */
  serverGone: string | undefined;
  /** Examples and hints in the learner's language (stage 11's Dockerfile and shutdown hints). */
  readonly language: LanguageHints;
  private current: Exchange[] = [];

  constructor(opts: {
    baseUrl: string;
    random: Random;
    server?: ServerProcess;
    projectDir?: string;
    events: TesterEvents;
    authMode: boolean;
    language?: LanguageHints;
  }) {
    this.authMode = opts.authMode;
    this.language = opts.language ?? hintsFor('other');
    this.baseUrl = opts.baseUrl;
    this.random = opts.random;
    this.server = opts.server;
    this.projectDir = opts.projectDir;
    this.events = opts.events;
    this.runTag = `run-${this.random.word(6)}`;
  }

  /**
   * Runs one named check and records pass or fail; the stage goes on with its next check, so one run
   * shows every independent failure. A check whose `needs` did not pass is recorded as skipped.
   */
  async check(name: string, body: () => Promise<void>, opts: CheckOptions = {}): Promise<CheckOutcome> {
    const needs = opts.needs === undefined ? [] : Array.isArray(opts.needs) ? opts.needs : [opts.needs];
    const unmet = needs.find((n) => !n.passed);
    if (this.serverGone || unmet) {
      const why = this.serverGone
        ? `skipped because your server stopped (${this.serverGone})`
        : `skipped because "${unmet?.name}" failed`;
      return this.record({ name, status: 'skipped', message: why, exchanges: [] });
    }
    this.current = [];
    try {
      await body();
      return this.record({ name, status: 'pass', exchanges: this.current });
    } catch (err) {
      if (!(err instanceof CheckFailure)) throw err;
      let message = err.message;
      // A server that already requires sign-in fails early stages with 401 when they run without a token.
      if (!this.authMode && message.includes('got 401 Unauthorized')) {
        message +=
          '\n  Hint: if your /bookmarks routes already require sign-in, test with --stage 7 or higher: the tester then signs in first.';
      }
      if (!this.serverGone) message += await this.crashReport();
      return this.record({ name, status: 'fail', message, exchanges: this.current });
    }
  }

  private record(result: CheckResult): CheckOutcome {
    this.results.push(result);
    this.events.check?.(result);
    return { name: result.name, passed: result.status === 'pass' };
  }

  /** After a failure: if the server died on its own, say how, with its last stderr lines, and skip the rest. */
  private async crashReport(): Promise<string> {
    // Only a request that got no answer is worth waiting for: the exit event can trail the socket error.
    const noAnswer = this.current.some((e) => !e.response);
    const info = await this.server?.unexpectedExit(noAnswer ? 1_000 : 0);
    if (!this.server || !info) return '';
    const how = info.code !== null ? `code ${info.code}` : `signal ${info.signal ?? '(unknown)'}`;
    this.serverGone = `it exited with ${how}`;
    const stderr = this.server.lastStderr();
    const lines = stderr.length
      ? `The last ${stderr.length} line(s) it wrote to stderr:\n${stderr.map((l) => `    | ${l}`).join('\n')}`
      : 'It wrote nothing to stderr.';
    return `\n  Your server stopped during this check: it exited with ${how}. The rest of the run is skipped.\n  ${lines}\n  Hint: start it yourself and send the request above (the curl command) to see the error; a crash on bad input usually means an exception nobody caught.`;
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
