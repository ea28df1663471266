/** The `http` engine: a learner's `handle(req)` called with crafted requests inside QuickJS workers. */
import type { Engine } from '../../engine.ts';
import { createSandboxEngine, type SandboxEngineOptions } from '../../sandbox/sandbox-engine.ts';

export function createHttpEngine(options: SandboxEngineOptions): Engine<'http'> {
  return createSandboxEngine('http', options);
}
