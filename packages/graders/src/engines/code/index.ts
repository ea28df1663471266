/**
 * The `code` engine: JavaScript and TypeScript graded in QuickJS workers, Python through Pyodide
 * (loaded lazily, in separate locked-down child processes), plus `runSnippet` for lessons' runnable
 * samples.
 */
import type { Engine } from '../../engine.ts';
import { createSandboxEngine, type SandboxEngineOptions } from '../../sandbox/sandbox-engine.ts';
import { createPythonGrader, type PythonGrader } from './python/python-grader.ts';

export type { SandboxEngineOptions } from '../../sandbox/sandbox-engine.ts';
export { SandboxPool } from '../../sandbox/sandbox-pool.ts';
export { runSnippet } from './run-snippet.ts';

export function createCodeEngine(options: SandboxEngineOptions): Engine<'code'> {
  let python: PythonGrader | undefined;
  const engine = createSandboxEngine('code', options, (exercise, submission, grade) => {
    if (exercise.code.language !== 'python') return undefined;
    python ??= createPythonGrader({ maxQueue: options.maxQueue });
    return python.grade(exercise.code, submission, grade);
  });
  return {
    kind: 'code',
    grade: engine.grade,
    async close() {
      await Promise.all([engine.close(), python?.close()]);
    },
  };
}
