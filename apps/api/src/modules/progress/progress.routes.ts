/** GET /api/progress and PUT /api/progress/topics/:topicId — the signed-in learner's own progress. */
import type { FastifyInstance } from 'fastify';
import { etagMatches } from '../../lib/http-cache.ts';
import { headerTimeZone } from '../activity/time-zone.ts';
import { currentUser } from './current-user.ts';
import type { TopicStatus } from './progress.repository.ts';
import { ContentIdParam, ProgressResponse, SetStatusBody, SetStatusResponse } from './progress.schemas.ts';
import type { ProgressService } from './progress.service.ts';

const ErrorRef = { $ref: 'ErrorResponse#' };

export async function progressRoutes(app: FastifyInstance, opts: { progress: ProgressService }): Promise<void> {
  const { progress } = opts;
  app.get(
    '/api/progress',
    {
      config: { access: 'user' },
      schema: {
        tags: ['progress'],
        summary: 'My progress: overall, per stage and per topic, plus progress on retired topics',
        response: {
          200: ProgressResponse,
          304: { type: 'null', description: 'Not modified (If-None-Match)' },
          401: ErrorRef,
        },
      },
    },
    async (req, reply) => {
      const { body, etag } = await progress.cached(currentUser(req).id);
      // Private and revalidated every time: it changes whenever the learner does something.
      reply.header('cache-control', 'private, no-cache').header('etag', etag);
      if (etagMatches(req.headers['if-none-match'], etag)) return reply.status(304).send();
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );
  app.put<{ Params: { topicId: string }; Body: { status: TopicStatus } }>(
    '/api/progress/topics/:topicId',
    {
      config: { access: 'user' },
      schema: {
        tags: ['progress'],
        summary: 'Set my status on a topic',
        params: ContentIdParam('topicId'),
        body: SetStatusBody,
        response: { 200: SetStatusResponse, 400: ErrorRef, 401: ErrorRef, 404: ErrorRef, 410: ErrorRef },
      },
    },
    async (req) => progress.set(currentUser(req).id, req.params.topicId, req.body.status, headerTimeZone(req)),
  );
}
