/** GET /api/exercises/:id — the public view of an exercise, cached with an ETag like the roadmap. */
import type { Curriculum } from '@backpath/curriculum';
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../errors.ts';
import { type CachedBody, cachedJson, sendCached } from '../../lib/http-cache.ts';
import type { ContentIndex } from '../progress/content-index.ts';
import { ContentIdParam } from '../progress/progress.schemas.ts';
import { publicExercise } from './public-exercise.ts';

export async function exercisesRoutes(app: FastifyInstance, opts: { content: ContentIndex }) {
  const { content } = opts;
  const cache = new Map<string, CachedBody>();
  const view = (curriculum: Curriculum, idIn: string): CachedBody => {
    const id = content.resolve(idIn);
    const exercise = id ? curriculum.exercises.get(id) : undefined;
    if (!exercise) throw notFound('Exercise', idIn);
    let hit = cache.get(exercise.id);
    if (!hit) {
      hit = cachedJson(publicExercise(exercise));
      cache.set(exercise.id, hit);
    }
    return hit;
  };
  app.get<{ Params: { id: string } }>(
    '/api/exercises/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['exercises'],
        summary:
          'An exercise as the learner sees it: instructions, starter, hints, visible checks (never the solution)',
        params: ContentIdParam('id'),
        response: { 404: { $ref: 'ErrorResponse#' } },
      },
    },
    (req, reply) => sendCached(req, reply, view(content.curriculum, req.params.id)),
  );
}
