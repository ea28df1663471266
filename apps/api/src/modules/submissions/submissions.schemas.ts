/** Request and response schemas of exercises' submissions. */
import { GradeResult } from '@backpath/contracts';
import { Type } from 'typebox';

export const SubmissionBody = Type.Object(
  {
    // Bytes are checked in the service (413); this bound only stops absurd strings early.
    code: Type.String({ maxLength: 256 * 1024 }),
    mode: Type.Optional(Type.Union([Type.Literal('run'), Type.Literal('submit')], { default: 'submit' })),
  },
  { additionalProperties: false },
);

export const SubmissionResponse = Type.Object({
  id: Type.String(),
  exerciseId: Type.String(),
  status: Type.Union(['queued', 'grading', 'graded', 'failed'].map((s) => Type.Literal(s))),
  mode: Type.Union([Type.Literal('run'), Type.Literal('submit')]),
  code: Type.String(),
  result: Type.Union([GradeResult, Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  gradedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  durationMs: Type.Union([Type.Number(), Type.Null()]),
  contentVersion: Type.String(),
});

export const SubmissionPage = Type.Object({
  items: Type.Array(SubmissionResponse),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const PageQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);

export const SubmissionIdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });
