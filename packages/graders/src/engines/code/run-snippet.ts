/**
 * Runs a lesson's runnable sample in the QuickJS sandbox, in this thread: the content check uses it
 * at build time, where a short-lived call beats keeping worker threads alive.
 */
import { DEFAULT_LIMITS, type GradeLimits } from '@backpath/contracts';
import { describeFailure } from '../../sandbox/failure.ts';
import { prepare, SUBMISSION_FILE } from '../../sandbox/load-entry.ts';
import { loadQuickJS } from '../../sandbox/quickjs.ts';
import { SandboxSession } from '../../sandbox/session.ts';
import { limitMessage } from '../../sandbox/verdict.ts';

export interface SnippetResult {
  ok: boolean;
  message: string;
  output: string;
}

export async function runSnippet(
  source: string,
  language: 'javascript' | 'typescript',
  limits: Partial<GradeLimits> = {},
): Promise<SnippetResult> {
  const qjs = await loadQuickJS();
  const session = new SandboxSession(qjs, { ...DEFAULT_LIMITS, ...limits });
  try {
    const realm = session.newRealm();
    const prepared = prepare(source, language, realm);
    if (!prepared.ok) return { ok: false, message: prepared.message, output: '' };
    const evaluated = realm.evaluate(prepared.code, SUBMISSION_FILE, { module: prepared.module });
    // Let top-level promises and timers finish, as `node file.js` would.
    const drained = evaluated.ok ? realm.drain(SUBMISSION_FILE) : evaluated;
    const output = realm.takeOutput();
    if (drained.ok) return { ok: true, message: 'The sample ran without errors.', output };
    const { failure } = drained;
    const message =
      failure.kind === 'time_limit' || failure.kind === 'memory_limit' || failure.kind === 'output_limit'
        ? limitMessage(failure.kind, session.limits)
        : `The sample threw ${describeFailure(failure)}.`;
    return { ok: false, message, output };
  } finally {
    session.dispose();
  }
}
