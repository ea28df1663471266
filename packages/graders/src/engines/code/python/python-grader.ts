/**
 * Python `code` exercises. Pyodide 314 loads offline from node_modules (about 3 s, ~160 MB), but in
 * a worker thread its JavaScript bridge (`import js; js.process`) reaches the host, and removing the
 * bridge from Python is not a boundary (the garbage collector still finds JS proxies). Until Python
 * runs in a separate locked-down process, Python grading answers with a clear "unavailable" error.
 */
import type { ExerciseOfKind, GradeResult } from '@backpath/contracts';
import type { GradeOptions } from '../../../engine.ts';
import { errorResult } from '../../../sandbox/verdict.ts';

export interface PythonGrader {
  grade(spec: ExerciseOfKind<'code'>['code'], submission: string, options: GradeOptions): Promise<GradeResult>;
  close(): Promise<void>;
}

export const PYTHON_UNAVAILABLE =
  'Python grading is unavailable on this server for now. JavaScript and TypeScript exercises are graded as usual.';

export function createPythonGrader(): PythonGrader {
  return {
    async grade() {
      return errorResult('internal', PYTHON_UNAVAILABLE, [], performance.now());
    },
    async close() {},
  };
}
