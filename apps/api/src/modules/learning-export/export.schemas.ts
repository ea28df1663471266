/**
 * The documented learning export format (`backpath-learning-export`, version 1): progress, notes,
 * links, submissions and quiz attempts, keyed by content ids, so it imports into any instance.
 */
import { type Static, Type } from 'typebox';

const Id = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 });
const Time = Type.String({ format: 'date-time' });

export const LearningExport = Type.Object(
  {
    format: Type.Literal('backpath-learning-export'),
    version: Type.Literal(1),
    exportedAt: Time,
    contentVersion: Type.String({ maxLength: 100 }),
    progress: Type.Array(
      Type.Object({
        topicId: Id,
        status: Type.Union(['not_started', 'learning', 'done', 'skipped'].map((s) => Type.Literal(s))),
        updatedAt: Time,
      }),
      { maxItems: 5_000 },
    ),
    notes: Type.Array(Type.Object({ topicId: Id, body: Type.String({ maxLength: 50_000 }), updatedAt: Time }), {
      maxItems: 5_000,
    }),
    links: Type.Array(
      Type.Object({
        topicId: Id,
        url: Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 2000 }),
        title: Type.String({ maxLength: 200 }),
        createdAt: Time,
      }),
      { maxItems: 20_000 },
    ),
    submissions: Type.Array(
      Type.Object({
        exerciseId: Id,
        mode: Type.Union([Type.Literal('run'), Type.Literal('submit')]),
        code: Type.String({ maxLength: 64 * 1024 }),
        verdict: Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('error'), Type.Null()]),
        result: Type.Unknown(),
        contentVersion: Type.String({ maxLength: 100 }),
        createdAt: Time,
        gradedAt: Type.Union([Time, Type.Null()]),
        durationMs: Type.Union([Type.Number(), Type.Null()]),
      }),
      { maxItems: 20_000 },
    ),
    quizAttempts: Type.Array(
      Type.Object({
        quizId: Id,
        answers: Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())])),
        correct: Type.Integer({ minimum: 0 }),
        total: Type.Integer({ minimum: 0 }),
        passed: Type.Boolean(),
        contentVersion: Type.String({ maxLength: 100 }),
        createdAt: Time,
      }),
      { maxItems: 20_000 },
    ),
  },
  { additionalProperties: false },
);
export type LearningExport = Static<typeof LearningExport>;
