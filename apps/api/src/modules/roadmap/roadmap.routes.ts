/** GET /api/stages, /api/stages/:stageId, /api/topics/:topicId — public, cached, ETag-revalidated. */
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { sendCached } from '../../lib/http-cache.ts';
import { IdParam, StageList, StageSummary, TopicDetail } from './roadmap.schemas.ts';
import type { RoadmapService } from './roadmap.service.ts';

const ErrorRef = { $ref: 'ErrorResponse#' };

export async function roadmapRoutes(app: FastifyInstance, opts: { roadmap: RoadmapService }): Promise<void> {
  const { roadmap } = opts;
  app.get(
    '/api/stages',
    {
      config: { access: 'public' },
      schema: {
        tags: ['roadmap'],
        summary:
          'All stages with their topics, in roadmap order (the overview: texts beyond titles are on /api/stages/:stageId)',
        response: { 200: StageList },
      },
    },
    (req, reply) => sendCached(req, reply, roadmap.stages()),
  );
  app.get<{ Params: Static<ReturnType<typeof IdParam>> }>(
    '/api/stages/:stageId',
    {
      config: { access: 'public' },
      schema: {
        tags: ['roadmap'],
        summary: 'One stage with its topics',
        params: IdParam('stageId'),
        response: { 200: StageSummary, 404: ErrorRef },
      },
    },
    (req, reply) => sendCached(req, reply, roadmap.stage(String(req.params.stageId))),
  );
  app.get<{ Params: Static<ReturnType<typeof IdParam>> }>(
    '/api/topics/:topicId',
    {
      config: { access: 'public' },
      schema: {
        tags: ['roadmap'],
        summary: 'One topic: the lesson as HTML, resources, prerequisites, exercises, quiz id, neighbours',
        params: IdParam('topicId'),
        response: { 200: TopicDetail, 404: ErrorRef },
      },
    },
    (req, reply) => sendCached(req, reply, roadmap.topic(String(req.params.topicId))),
  );
}
