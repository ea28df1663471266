/**
 * Runs the learner's suite once against one implementation (the reference or a mutant) in a fresh
 * runtime, and reports each registered test's outcome as the host observed it.
 */
import type { GradeLimits } from '@backpath/contracts';
import type { QuickJSHandle, QuickJSWASMModule } from 'quickjs-emscripten';
import { type Failure, isLimitFailure } from '../../sandbox/failure.ts';
import { SUBMISSION_FILE } from '../../sandbox/load-entry.ts';
import type { Realm } from '../../sandbox/realm.ts';
import { SandboxSession } from '../../sandbox/session.ts';
import { HARNESS } from './harness.ts';

const MAX_TESTS = 500;

export interface SuiteTest {
  name: string;
  /** Undefined when the test passed. */
  failure?: Failure;
  output: string;
}

export type SuiteRun =
  | { kind: 'ran'; tests: SuiteTest[] }
  /** The implementation itself failed to load (a broken reference or mutant). */
  | { kind: 'module_error'; failure: Failure }
  /** The learner's file threw before or while registering tests. */
  | { kind: 'suite_error'; failure: Failure; output: string }
  | { kind: 'limit'; failure: Failure };

export interface SuiteRunResult {
  run: SuiteRun;
  recycle: boolean;
}

export function runSuite(
  qjs: QuickJSWASMModule,
  implementation: string,
  suite: string,
  limits: GradeLimits,
): SuiteRunResult {
  const session = new SandboxSession(qjs, limits);
  let run: SuiteRun;
  try {
    run = runIn(session.newRealm(), implementation, suite);
  } finally {
    session.dispose();
  }
  return { run, recycle: session.recycle };
}

function runIn(realm: Realm, implementation: string, suite: string): SuiteRun {
  const { ctx } = realm;
  const namespace = realm.evaluate(implementation, 'module.js', { module: true });
  if (!namespace.ok) {
    return isLimitFailure(namespace.failure)
      ? { kind: 'limit', failure: namespace.failure }
      : { kind: 'module_error', failure: namespace.failure };
  }
  ctx.setProp(ctx.global, 'subject', namespace.value);
  const registered: { name: string; fn: QuickJSHandle }[] = [];
  const register = realm.track(
    ctx.newFunction('register', (name, fn) => {
      if (registered.length >= MAX_TESTS) return;
      registered.push({ name: ctx.getString(name), fn: realm.track(fn.dup()) });
    }),
  );
  const harness = realm.evaluate(HARNESS, 'harness.js');
  if (!harness.ok) return { kind: 'limit', failure: harness.failure };
  const installed = realm.call(harness.value, [register], 'harness.js');
  if (!installed.ok) return { kind: 'limit', failure: installed.failure };
  const loaded = realm.evaluate(suite, SUBMISSION_FILE);
  if (!loaded.ok) {
    if (isLimitFailure(loaded.failure)) return { kind: 'limit', failure: loaded.failure };
    return { kind: 'suite_error', failure: loaded.failure, output: realm.takeOutput() };
  }
  const preamble = realm.takeOutput();
  const tests: SuiteTest[] = [];
  for (const { name, fn } of registered) {
    const called = realm.call(fn, [], SUBMISSION_FILE);
    const output = (tests.length === 0 ? preamble : '') + realm.takeOutput();
    if (!called.ok && isLimitFailure(called.failure)) return { kind: 'limit', failure: called.failure };
    tests.push(called.ok ? { name, output } : { name, failure: called.failure, output });
  }
  return { kind: 'ran', tests };
}
