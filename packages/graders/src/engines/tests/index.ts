/** The `tests` engine: a learner's suite run against the reference module and its mutants in QuickJS workers. */
import type { Engine } from '../../engine.ts';
import { createSandboxEngine, type SandboxEngineOptions } from '../../sandbox/sandbox-engine.ts';

export function createTestsEngine(options: SandboxEngineOptions): Engine<'tests'> {
  return createSandboxEngine('tests', options);
}
