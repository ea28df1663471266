/**
 * Python `code` exercises. Pyodide loads offline from node_modules (about 3 s), but it is not yet
 * wired into a locked-down worker, so Python grading answers with a clear "unavailable" error.
 */
import type { ExerciseOfKind, GradeResult } from '@backpath/contracts';
import type { GradeOptions } from '../../../engine.ts';
import { errorResult } from '../../../sandbox/verdict.ts';

export interface PythonGrader {
  grade(spec: ExerciseOfKind<'code'>['code'], submission: string, options: GradeOptions): Promise<GradeResult>;
  close(): Promise<void>;
}

export function createPythonGrader(): PythonGrader {
  return {
    async grade() {
      return errorResult(
        'internal',
        'Python grading is unavailable on this server. JavaScript and TypeScript exercises work.',
        [],
        performance.now(),
      );
    },
    async close() {},
  };
}
