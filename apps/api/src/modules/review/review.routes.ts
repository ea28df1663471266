/** GET /api/review (what is due today, in my zone, and how many) and POST /api/review/:questionKey (reschedule). */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { headerTimeZone } from '../activity/time-zone.ts';
import { currentUser } from '../progress/current-user.ts';
import type { ReviewRating, ReviewService } from './review.service.ts';

const ErrorRef = { $ref: 'ErrorResponse#' };
const Key = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*\\.[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 170 });

export async function reviewRoutes(app: FastifyInstance, opts: { review: ReviewService }) {
  const { review } = opts;
  app.get<{ Querystring: { limit?: number } }>(
    '/api/review',
    {
      config: { access: 'user' },
      schema: {
        tags: ['review'],
        summary:
          'Quiz questions due for review today (FSRS), oldest due first: up to `limit` of them, and `count`, the total due (limit=0 for the count alone)',
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 50, default: 50 })) }),
        response: { 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (req) => review.due(currentUser(req).id, headerTimeZone(req), req.query.limit ?? 50),
  );
  app.post<{ Params: { questionKey: string }; Body: { rating: ReviewRating } }>(
    '/api/review/:questionKey',
    {
      config: { access: 'user' },
      schema: {
        tags: ['review'],
        summary: 'Answer a review card: again | hard | good | easy; returns the next due date',
        params: Type.Object({ questionKey: Key }),
        body: Type.Object(
          { rating: Type.Union(['again', 'hard', 'good', 'easy'].map((r) => Type.Literal(r))) },
          { additionalProperties: false },
        ),
        response: { 400: ErrorRef, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (req) => review.answer(currentUser(req).id, req.params.questionKey, req.body.rating, headerTimeZone(req)),
  );
}
