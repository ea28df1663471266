/**
 * Shared first steps of every sandboxed grading: compile, check syntax, evaluate the submission in a
 * realm and find the function the exercise names, with verdict-ready messages for each way it fails.
 */
import type { QuickJSHandle } from 'quickjs-emscripten';
import { compile, compileErrorMessage, type SourceLanguage } from './compile.ts';
import { describeFailure, type Failure, isLimitFailure } from './failure.ts';
import type { Realm } from './realm.ts';

export const SUBMISSION_FILE = 'submission.js';

export type Prepared =
  | { ok: true; code: string; module: boolean }
  | { ok: false; errorCode: 'compile_error' | 'invalid_submission'; message: string };

/** Compiles and syntax-checks once per grading; the message names the line to fix. */
export function prepare(source: string, language: SourceLanguage, realm: Realm): Prepared {
  const compiled = compile(source, language);
  if (!compiled.ok) {
    return { ok: false, errorCode: 'compile_error', message: compileErrorMessage(compiled.message, compiled.line) };
  }
  const syntax = realm.checkSyntax(compiled.code, SUBMISSION_FILE, compiled.module);
  if (syntax) {
    const missing = missingModule(syntax.message);
    if (missing) return { ok: false, errorCode: 'invalid_submission', message: missing };
    return { ok: false, errorCode: 'compile_error', message: compileErrorMessage(syntax.message, syntax.line) };
  }
  return compiled;
}

export type Loaded =
  | { ok: true; fn: QuickJSHandle }
  | { ok: false; limit: Failure }
  | { ok: false; limit?: undefined; code: 'runtime_error' | 'invalid_submission'; message: string };

/** Evaluates the submission and returns the named function, or why it is not usable. */
export function loadEntry(realm: Realm, code: string, module: boolean, name: string): Loaded {
  const evaluated = realm.evaluate(code, SUBMISSION_FILE, { module });
  if (!evaluated.ok) {
    if (isLimitFailure(evaluated.failure)) return { ok: false, limit: evaluated.failure };
    const missing = missingModule(evaluated.failure.message);
    if (missing) return { ok: false, code: 'invalid_submission', message: missing };
    return {
      ok: false,
      code: 'runtime_error',
      message: `Your code threw an error while it was loading, before \`${name}\` was called: ${describeFailure(evaluated.failure)}.`,
    };
  }
  let fn: QuickJSHandle | undefined;
  if (module) {
    fn = realm.track(realm.ctx.getProp(evaluated.value, name));
    if (realm.ctx.typeof(fn) === 'undefined') fn = realm.track(realm.ctx.getProp(evaluated.value, 'default'));
  } else {
    const found = realm.lookup(name);
    if (!found.ok) {
      if (isLimitFailure(found.failure)) return { ok: false, limit: found.failure };
      fn = undefined;
    } else fn = found.value;
  }
  const type = fn ? realm.ctx.typeof(fn) : 'undefined';
  if (fn && type === 'function') return { ok: true, fn };
  const message =
    type === 'undefined'
      ? `Define a function named \`${name}\` at the top level of your code (for example \`function ${name}(…) { … }\`).`
      : `\`${name}\` is a ${type}, but it should be a function.`;
  return { ok: false, code: 'invalid_submission', message };
}

/** QuickJS has no module loader here: an `import` names a module that cannot exist. */
function missingModule(message: string): string | undefined {
  const match = /^could not load module '([^']*)'/.exec(message);
  if (!match) return undefined;
  return `Imports are not available here (there is no module '${match[1]}'): write everything in this one file.`;
}
