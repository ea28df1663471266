/** What a sandbox worker can be asked to do, and the dispatch from a job to its grader. */
import type { ExerciseOfKind, GradeLimits } from '@backpath/contracts';
import type { QuickJSWASMModule } from 'quickjs-emscripten';
import type { GradeMode } from '../engine.ts';
import { gradeCode } from '../engines/code/grade-code.ts';
import { gradeHttp } from '../engines/http/grade-http.ts';
import { gradeTests } from '../engines/tests/grade-tests.ts';
import type { SandboxGrade } from './verdict.ts';

export type SandboxJob =
  | { kind: 'code'; spec: ExerciseOfKind<'code'>['code']; submission: string; mode: GradeMode; limits: GradeLimits }
  | { kind: 'tests'; spec: ExerciseOfKind<'tests'>['tests']; submission: string; mode: GradeMode; limits: GradeLimits }
  | { kind: 'http'; spec: ExerciseOfKind<'http'>['http']; submission: string; mode: GradeMode; limits: GradeLimits };

/** Runs one job; `value`/`recycle` is the shape the pool's worker protocol expects. */
export function runJob(qjs: QuickJSWASMModule, job: SandboxJob): { value: SandboxGrade['result']; recycle: boolean } {
  const { result, recycle } = grade(qjs, job);
  return { value: result, recycle };
}

function grade(qjs: QuickJSWASMModule, job: SandboxJob): SandboxGrade {
  switch (job.kind) {
    case 'code':
      return gradeCode(qjs, job.spec, job.submission, job.mode, job.limits);
    case 'tests':
      return gradeTests(qjs, job.spec, job.submission, job.mode, job.limits);
    case 'http':
      return gradeHttp(qjs, job.spec, job.submission, job.mode, job.limits);
  }
}
