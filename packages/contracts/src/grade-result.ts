/**
 * The one verdict format every grading engine returns (modelled on the Exercism test-runner
 * results, version 1). It is JSON-serialisable and safe to send to the learner: hidden cases carry
 * no inputs or expected values.
 */
import { type Static, Type } from 'typebox';

export const GRADE_RESULT_VERSION = 1;

export const TestStatus = Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('error')]);
export type TestStatus = Static<typeof TestStatus>;

export const TestCaseResult = Type.Object({
  name: Type.String(),
  status: TestStatus,
  /** What was expected and what came back, in words a beginner can act on. Empty for a pass. */
  message: Type.Optional(Type.String()),
  /** Captured console output, truncated with a marker. */
  output: Type.Optional(Type.String()),
  hidden: Type.Boolean(),
  /** For sql: the learner's result table (visible cases only), capped. */
  table: Type.Optional(
    Type.Object({
      columns: Type.Array(Type.String()),
      rows: Type.Array(Type.Array(Type.Unknown())),
      truncated: Type.Boolean(),
    }),
  ),
  /** Expected and actual values as display strings, for a diff in the UI (visible cases only). */
  expected: Type.Optional(Type.String()),
  actual: Type.Optional(Type.String()),
});
export type TestCaseResult = Static<typeof TestCaseResult>;

export const GradeErrorCode = Type.Union([
  Type.Literal('compile_error'),
  Type.Literal('runtime_error'),
  Type.Literal('time_limit'),
  Type.Literal('memory_limit'),
  Type.Literal('output_limit'),
  Type.Literal('invalid_submission'),
  Type.Literal('busy'),
  Type.Literal('internal'),
]);
export type GradeErrorCode = Static<typeof GradeErrorCode>;

export const GradeResult = Type.Object({
  version: Type.Literal(GRADE_RESULT_VERSION),
  status: TestStatus,
  /** Top-level message: a summary on pass/fail, the reason on error. */
  message: Type.String(),
  errorCode: Type.Optional(GradeErrorCode),
  tests: Type.Array(TestCaseResult),
  /** Kind-specific summary, e.g. the mutation score for `tests` exercises. */
  score: Type.Optional(Type.Object({ passed: Type.Integer(), total: Type.Integer() })),
  durationMs: Type.Number(),
});
export type GradeResult = Static<typeof GradeResult>;

/** Resource limits for one grading run. Engines must end a run that breaches any of them. */
export interface GradeLimits {
  timeMs: number;
  memoryBytes: number;
  outputBytes: number;
}

export const DEFAULT_LIMITS: GradeLimits = {
  timeMs: 2_000,
  memoryBytes: 64 * 1024 * 1024,
  outputBytes: 16 * 1024,
};
