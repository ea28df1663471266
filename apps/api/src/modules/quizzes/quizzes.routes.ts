/**
 * GET /api/quizzes/:id (no answers), POST /api/quizzes/:id/questions/:questionId/check (one answered
 * question, with its explanation) and POST /api/quizzes/:id/attempts (graded, with explanations).
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { sendCached } from '../../lib/http-cache.ts';
import { headerTimeZone } from '../activity/time-zone.ts';
import { currentUser } from '../progress/current-user.ts';
import { ContentIdParam } from '../progress/progress.schemas.ts';
import type { Answers } from './grade-attempt.ts';
import type { QuizzesService } from './quizzes.service.ts';

const ErrorRef = { $ref: 'ErrorResponse#' };
const AnswerValue = Type.Union([
  Type.String({ maxLength: 500 }),
  Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 }),
]);

/** A quiz or question id: kebab-case. */
const ContentId = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 });

export async function quizzesRoutes(app: FastifyInstance, opts: { quizzes: QuizzesService }) {
  const { quizzes } = opts;
  app.get<{ Params: { id: string } }>(
    '/api/quizzes/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['quizzes'],
        summary: 'A quiz’s questions and choices, without answers or explanations',
        params: ContentIdParam('id'),
        response: { 404: ErrorRef },
      },
    },
    (req, reply) => sendCached(req, reply, quizzes.publicView(req.params.id)),
  );
  app.post<{ Params: { id: string; questionId: string }; Body: { answer: string | string[] } }>(
    '/api/quizzes/:id/questions/:questionId/check',
    {
      // Like attempts (which reveal every answer), not rate limited: it only grades what the learner sent.
      config: { access: 'user' },
      schema: {
        tags: ['quizzes'],
        summary:
          'Check one answered question: right or wrong, its right answer and explanation (that question only); records no attempt',
        params: Type.Object({ id: ContentId, questionId: ContentId }),
        body: Type.Object({ answer: AnswerValue }, { additionalProperties: false }),
        response: { 400: ErrorRef, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (req) => quizzes.check(req.params.id, req.params.questionId, req.body.answer),
  );
  app.post<{ Params: { id: string }; Body: { answers: Answers } }>(
    '/api/quizzes/:id/attempts',
    {
      config: { access: 'user' },
      schema: {
        tags: ['quizzes'],
        summary: 'Answer a quiz: per-question result, correct answers and explanations (revealed only now)',
        params: ContentIdParam('id'),
        body: Type.Object(
          {
            answers: Type.Record(ContentId, AnswerValue, {
              maxProperties: 100,
            }),
          },
          { additionalProperties: false },
        ),
        response: { 400: ErrorRef, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (req) => quizzes.attempt(currentUser(req).id, req.params.id, req.body.answers, headerTimeZone(req)),
  );
}
