/** GET /api/search: lessons, exercises, quiz prompts and (signed in) my notes, ranked, with marked snippets. */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../errors.ts';
import type { SearchService } from './search.service.ts';

const ErrorRef = { $ref: 'ErrorResponse#' };
const Result = Type.Object({
  kind: Type.Union(['lesson', 'exercise', 'question', 'note'].map((k) => Type.Literal(k))),
  title: Type.String(),
  url: Type.String(),
  topicId: Type.Union([Type.String(), Type.Null()]),
  snippet: Type.Array(Type.Object({ text: Type.String(), match: Type.Boolean() })),
});

export async function searchRoutes(app: FastifyInstance, opts: { search: SearchService }) {
  app.get<{ Querystring: { q: string; limit?: number } }>(
    '/api/search',
    {
      config: { access: 'public' },
      schema: {
        tags: ['search'],
        summary:
          'Search lessons, exercises and quiz questions (and my notes when signed in); a query with a typo is retried with the closest curriculum words',
        querystring: Type.Object({
          q: Type.String({ minLength: 1, maxLength: 200 }),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
        }),
        response: {
          200: Type.Object({
            query: Type.String(),
            correctedQuery: Type.Union([Type.String(), Type.Null()]),
            results: Type.Array(Result),
          }),
          400: ErrorRef,
        },
      },
    },
    async (req, reply) => {
      const q = req.query.q.trim();
      if (q.length < 2) throw new AppError('validation_failed', 'Type at least two characters to search.');
      const user = (req as unknown as { user?: { id: string } | null }).user;
      // Anonymous results are the same for everyone: a short shared cache; a learner's include notes.
      reply.header('cache-control', user ? 'private, no-store' : 'public, max-age=60');
      return opts.search.search(q, user?.id ?? null, req.query.limit ?? 20);
    },
  );
}
