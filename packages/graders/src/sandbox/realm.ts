/**
 * One fresh QuickJS context: evaluates learner code, calls functions, drives promises and virtual
 * timers, and copies values in (as JSON through a pristine parser) and out (by walking handles
 * from the host), so learner patches to built-ins never decide what the host sees.
 */
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten';
import { classify, type Failure, lineFromStack, type Outcome } from './failure.ts';
import { FORMATTER, PRELUDE, TIMERS } from './prelude.ts';
import type { SandboxSession } from './session.ts';
import { type Copied, type CopiedObject, Opaque, putKey } from './values.ts';

const MAX_DEPTH = 64;
const SPECIAL_KINDS = new Set([
  'Date',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'RegExp',
  'Error',
  'ArrayBuffer',
  'DataView',
]);
const MAX_NODES = 100_000;
const MAX_JOBS_PER_STEP = 1_000;
const MAX_TIMER_RUNS = 100_000;

export interface EvaluateOptions {
  module?: boolean;
  /** Drop the source text so `fn.toString()` cannot reveal it (used for reference modules). */
  strip?: boolean;
}

export class Realm {
  readonly ctx: QuickJSContext;
  readonly #session: SandboxSession;
  readonly #runtime: QuickJSRuntime;
  readonly #onDispose: () => void;
  readonly #handles: QuickJSHandle[] = [];
  readonly #helpers: QuickJSHandle[];
  #scratch: QuickJSHandle[] | undefined;

  constructor(session: SandboxSession, runtime: QuickJSRuntime, onDispose: () => void) {
    this.#session = session;
    this.#runtime = runtime;
    this.#onDispose = onDispose;
    this.ctx = runtime.newContext();
    const setup = this.ctx.evalCode(PRELUDE, 'prelude.js', { type: 'global' });
    if (setup.error) {
      setup.error.dispose();
      throw new Error('The sandbox prelude failed to compile');
    }
    const overflow = this.track(this.ctx.newFunction('overflow', () => session.output.markRunaway()));
    const budget = this.track(this.ctx.newNumber(session.output.remaining));
    const runawayAt = this.track(this.ctx.newNumber(session.output.runawayAt));
    const formatter = this.track(this.ctx.newString(FORMATTER));
    const timers = this.track(this.ctx.newString(TIMERS));
    const prelude = this.ctx.callFunction(
      this.track(setup.value),
      this.ctx.undefined,
      overflow,
      budget,
      runawayAt,
      formatter,
      timers,
    );
    if (prelude.error) {
      const reason = JSON.stringify(this.ctx.dump(prelude.error));
      prelude.error.dispose();
      throw new Error(`The sandbox prelude failed to start: ${reason}`);
    }
    const list = this.track(prelude.value);
    this.#helpers = [0, 1, 2, 3, 4, 5, 6].map((i) => this.track(this.ctx.getProp(list, i)));
  }

  track(handle: QuickJSHandle): QuickJSHandle {
    this.#handles.push(handle);
    return handle;
  }

  /** Evaluates source as a script (top-level names become globals) or as a module (returns its namespace). */
  evaluate(code: string, filename: string, options: EvaluateOptions = {}): Outcome<QuickJSHandle> {
    const result = this.ctx.evalCode(code, filename, {
      type: options.module ? 'module' : 'global',
      strip: options.strip ?? false,
    });
    if (result.error) return { ok: false, failure: this.failureOf(this.track(result.error), filename) };
    const value = this.track(result.value);
    return options.module ? this.settle(value, filename) : { ok: true, value };
  }

  /** Compiles without running, so a syntax error is told apart from an error the code throws. */
  checkSyntax(code: string, filename: string, module: boolean): Failure | undefined {
    const result = this.ctx.evalCode(code, filename, { type: module ? 'module' : 'global', compileOnly: true });
    if (result.error) return this.failureOf(this.track(result.error), filename);
    this.track(result.value);
    return undefined;
  }

  /** A top-level binding by name, including `const`/`let` declarations, or undefined. */
  lookup(name: string): Outcome<QuickJSHandle> {
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) return { ok: true, value: this.ctx.undefined };
    return this.evaluate(`typeof ${name} === 'undefined' ? undefined : ${name}`, 'lookup.js');
  }

  /** Calls a guest function and waits (within the deadline) for a returned promise to settle. */
  call(fn: QuickJSHandle, args: QuickJSHandle[], filename: string): Outcome<QuickJSHandle> {
    const result = this.ctx.callFunction(fn, this.ctx.undefined, args);
    if (result.error) return { ok: false, failure: this.failureOf(this.track(result.error), filename) };
    return this.settle(this.track(result.value), filename);
  }

  /** Runs the job queue, then virtual timers in order, until the promise settles or time runs out. */
  settle(handle: QuickJSHandle, filename: string): Outcome<QuickJSHandle> {
    let timerRuns = 0;
    for (;;) {
      const state = this.ctx.getPromiseState(handle);
      if (state.type === 'fulfilled') {
        return { ok: true, value: state.notAPromise ? handle : this.track(state.value) };
      }
      if (state.type === 'rejected') return { ok: false, failure: this.failureOf(this.track(state.error), filename) };
      if (this.#session.pastDeadline) return { ok: false, failure: this.#timeout() };
      const jobs = this.#runtime.executePendingJobs(MAX_JOBS_PER_STEP);
      if (jobs.error) {
        const failure = this.failureOf(this.track(jobs.error), filename);
        if (failure.kind !== 'thrown') return { ok: false, failure };
        continue;
      }
      if (jobs.value > 0) continue;
      const timer = this.ctx.callFunction(this.#helpers[4] as QuickJSHandle, this.ctx.undefined);
      if (timer.error) {
        const failure = this.failureOf(this.track(timer.error), filename);
        if (failure.kind !== 'thrown') return { ok: false, failure };
        this.#flush();
        this.#session.output.write(`Uncaught ${failure.name || 'error'}: ${failure.message}`);
        continue;
      }
      const ran = this.ctx.typeof(timer.value) === 'boolean' && this.ctx.eq(timer.value, this.ctx.true);
      timer.value.dispose();
      timerRuns += 1;
      if (!ran || timerRuns > MAX_TIMER_RUNS) {
        return {
          ok: false,
          failure: {
            kind: 'never_settled',
            name: '',
            message: 'The promise never settled (resolve or reject was never called).',
          },
        };
      }
    }
  }

  /** Runs queued jobs and timers until none are left, as a script's event loop would. */
  drain(filename: string): Outcome<undefined> {
    for (let runs = 0; runs <= MAX_TIMER_RUNS; ) {
      if (this.#session.pastDeadline) return { ok: false, failure: this.#timeout() };
      const jobs = this.#runtime.executePendingJobs(MAX_JOBS_PER_STEP);
      if (jobs.error) return { ok: false, failure: this.failureOf(this.track(jobs.error), filename) };
      if (jobs.value > 0) continue;
      const timer = this.ctx.callFunction(this.#helpers[4] as QuickJSHandle, this.ctx.undefined);
      if (timer.error) return { ok: false, failure: this.failureOf(this.track(timer.error), filename) };
      const ran = this.ctx.eq(timer.value, this.ctx.true);
      timer.value.dispose();
      if (!ran) return { ok: true, value: undefined };
      runs += 1;
    }
    return {
      ok: false,
      failure: {
        kind: 'never_settled',
        name: '',
        message: 'Timers kept firing forever (is a setInterval never cleared?)',
      },
    };
  }

  /** A fresh guest copy of a JSON value, built by the parser captured before learner code ran. */
  fromJson(value: unknown): Outcome<QuickJSHandle> {
    const text = JSON.stringify(value) ?? 'null';
    const source = this.track(this.ctx.newString(text));
    const result = this.ctx.callFunction(this.#helpers[0] as QuickJSHandle, this.ctx.undefined, source);
    if (result.error) return { ok: false, failure: this.failureOf(this.track(result.error), 'arguments.js') };
    return { ok: true, value: this.track(result.value) };
  }

  /** Copies a guest value to the host; getters and proxy traps run inside the guest, once. */
  copyOut(handle: QuickJSHandle, depthLimit = MAX_DEPTH): Outcome<Copied> {
    const budget = { nodes: 0 };
    // Handles made while copying are freed at once: console.log in a loop must not pile them up.
    const outer = this.#scratch;
    const scratch: QuickJSHandle[] = [];
    this.#scratch = scratch;
    try {
      return { ok: true, value: this.#copy(handle, 0, depthLimit, budget) };
    } catch (error) {
      if (error instanceof CopyFailure) return { ok: false, failure: error.failure };
      throw error;
    } finally {
      this.#scratch = outer;
      for (const temporary of scratch) if (temporary.alive) temporary.dispose();
    }
  }

  /** Tracks a handle for the current copy only, or for the realm's lifetime outside a copy. */
  #temp(handle: QuickJSHandle): QuickJSHandle {
    if (this.#scratch) this.#scratch.push(handle);
    else this.track(handle);
    return handle;
  }

  #copy(handle: QuickJSHandle, depth: number, depthLimit: number, budget: { nodes: number }): Copied {
    const { ctx } = this;
    budget.nodes += 1;
    if (budget.nodes > MAX_NODES) throw new CopyFailure(unreadable('The value is too large to check.'));
    const type = ctx.typeof(handle);
    if (type === 'undefined') return undefined;
    if (type === 'number') return ctx.getNumber(handle);
    if (type === 'string') return ctx.getString(handle);
    if (type === 'boolean') return ctx.eq(handle, ctx.true);
    if (type === 'bigint') return ctx.getBigInt(handle);
    if (type === 'symbol') return new Opaque('[Symbol]', 'a symbol');
    if (type === 'function') return new Opaque('[Function]', 'a function');
    if (type !== 'object') return new Opaque(`[${type}]`);
    if (ctx.eq(handle, ctx.null)) return null;
    if (depth >= depthLimit) {
      if (depthLimit < MAX_DEPTH) return new Opaque('[…]');
      throw new CopyFailure(unreadable('The value is nested too deeply (is it circular?).'));
    }
    const promise = ctx.getPromiseState(handle);
    if (!('notAPromise' in promise && promise.notAPromise)) {
      if (promise.type === 'fulfilled') promise.value.dispose();
      if (promise.type === 'rejected') promise.error.dispose();
      return new Opaque('[Promise]', 'a promise');
    }
    if (this.#isArray(handle)) {
      const length = this.#copy(this.#read(handle, 'length'), depth + 1, depthLimit, budget);
      const count = typeof length === 'number' ? length : 0;
      if (count > MAX_NODES) throw new CopyFailure(unreadable('The array is too long to check.'));
      const items: Copied[] = [];
      for (let i = 0; i < count; i++) items.push(this.#copy(this.#read(handle, i), depth + 1, depthLimit, budget));
      return items;
    }
    const special = this.#special(handle);
    if (special) return special;
    const names = ctx.getOwnPropertyNames(handle, { strings: true, numbersAsStrings: true, onlyEnumerable: true });
    if (names.error) throw new CopyFailure(this.failureOf(this.track(names.error), 'submission.js'));
    const keys = names.value.map((key) => ctx.getString(key));
    names.value.dispose();
    const target: CopiedObject = {};
    for (const key of keys) putKey(target, key, this.#copy(this.#read(handle, key), depth + 1, depthLimit, budget));
    return target;
  }

  /** Dates, Maps, Sets and the like have no JSON shape: keep a label so messages can name them. */
  #special(handle: QuickJSHandle): Opaque | undefined {
    const result = this.ctx.callFunction(this.#helpers[5] as QuickJSHandle, this.ctx.undefined, handle);
    if (result.error) throw new CopyFailure(this.failureOf(this.track(result.error), 'submission.js'));
    const pair = this.#temp(result.value);
    const kind = this.#plainString(pair, 0);
    const text = this.#plainString(pair, 1);
    if (!SPECIAL_KINDS.has(kind)) return undefined;
    if (kind === 'Date') return new Opaque(`Date(${text})`, 'a Date');
    if (kind === 'Map' || kind === 'Set') return new Opaque(`${kind}(${text})`, `a ${kind}`);
    return new Opaque(`[${kind}]`, `a ${kind}`);
  }

  #isArray(handle: QuickJSHandle): boolean {
    const result = this.ctx.callFunction(this.#helpers[1] as QuickJSHandle, this.ctx.undefined, handle);
    if (result.error) throw new CopyFailure(this.failureOf(this.track(result.error), 'submission.js'));
    const yes = this.ctx.eq(result.value, this.ctx.true);
    result.value.dispose();
    return yes;
  }

  /** `object[key]` through the captured helper, so a throwing getter becomes a guest error. */
  #read(handle: QuickJSHandle, key: string | number): QuickJSHandle {
    const keyHandle = this.#temp(typeof key === 'number' ? this.ctx.newNumber(key) : this.ctx.newString(key));
    const result = this.ctx.callFunction(this.#helpers[2] as QuickJSHandle, this.ctx.undefined, handle, keyHandle);
    if (result.error) {
      const failure = this.failureOf(this.track(result.error), 'submission.js');
      if (failure.kind === 'thrown') failure.message = `reading "${key}" threw ${failure.name}: ${failure.message}`;
      throw new CopyFailure(failure.kind === 'thrown' ? { ...failure, kind: 'unreadable', name: '' } : failure);
    }
    return this.#temp(result.value);
  }

  /** Reads a thrown guest value; after a time-out only plain property reads are possible. */
  failureOf(error: QuickJSHandle, filename: string): Failure {
    const { ctx } = this;
    let name = '';
    let message = '';
    let stack = '';
    let lineNumber = 0;
    const described = ctx.callFunction(this.#helpers[3] as QuickJSHandle, ctx.undefined, error);
    if (described.error) {
      described.error.dispose();
      name = this.#plainString(error, 'name');
      message = this.#plainString(error, 'message');
    } else {
      const list = this.track(described.value);
      name = this.#plainString(list, 0);
      message = this.#plainString(list, 1);
      stack = this.#plainString(list, 2);
      const line = this.track(ctx.getProp(list, 3));
      lineNumber = ctx.typeof(line) === 'number' ? ctx.getNumber(line) : 0;
    }
    const line = lineFromStack(stack, filename) ?? (lineNumber > 0 ? lineNumber : undefined);
    const failure = classify(name, message, line);
    if (failure.kind === 'time_limit') return this.#timeout();
    if (failure.kind === 'memory_limit') this.#session.recycle = true;
    return failure;
  }

  #plainString(handle: QuickJSHandle, key: string | number): string {
    if (this.ctx.typeof(handle) !== 'object') return '';
    const value = this.#temp(this.ctx.getProp(handle, key));
    return this.ctx.typeof(value) === 'string' ? this.ctx.getString(value) : '';
  }

  #timeout(): Failure {
    if (this.#session.output.runaway) return { kind: 'output_limit', name: '', message: 'output limit' };
    return { kind: 'time_limit', name: '', message: 'time limit' };
  }

  /** Moves what the guest printed since the last call into the run's output, and returns it. */
  takeOutput(): string {
    this.#flush();
    return this.#session.output.takeSegment();
  }

  #flush(): void {
    const taken = this.ctx.callFunction(this.#helpers[6] as QuickJSHandle, this.ctx.undefined);
    if (taken.error) {
      taken.error.dispose();
      return;
    }
    const pair = this.track(taken.value);
    const text = this.#plainString(pair, 0);
    const cut = this.ctx.typeof(pair) === 'object' && this.#plainBoolean(pair, 1);
    this.#session.output.append(text, cut);
  }

  #plainBoolean(handle: QuickJSHandle, key: number): boolean {
    const value = this.#temp(this.ctx.getProp(handle, key));
    return this.ctx.typeof(value) === 'boolean' && this.ctx.eq(value, this.ctx.true);
  }

  dispose(): void {
    this.#session.interruptLeftovers();
    for (const handle of this.#handles) {
      if (handle.alive) handle.dispose();
    }
    this.#handles.length = 0;
    try {
      this.ctx.dispose();
    } catch {
      this.#session.recycle = true;
    }
    this.#onDispose();
  }
}

class CopyFailure extends Error {
  readonly failure: Failure;
  constructor(failure: Failure) {
    super(failure.message);
    this.failure = failure;
  }
}

function unreadable(message: string): Failure {
  return { kind: 'unreadable', name: '', message };
}
