/** GET /api/me/learning-export and POST /api/me/learning-import (the documented JSON format). */
import type { FastifyInstance } from 'fastify';
import { currentUser } from '../progress/current-user.ts';
import type { LearningContext } from '../progress/learning-context.ts';
import { LearningExport } from './export.schemas.ts';
import { exportLearning, importLearning } from './learning-export.service.ts';

const ErrorRef = { $ref: 'ErrorResponse#' };
/** An export with many submissions is far above the default body limit. */
const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

export async function learningExportRoutes(app: FastifyInstance, opts: { ctx: LearningContext }) {
  const { ctx } = opts;
  app.get(
    '/api/me/learning-export',
    {
      config: { access: 'user' },
      schema: {
        tags: ['export'],
        summary: 'Download my progress, notes, links, submissions and quiz attempts (backpath-learning-export v1)',
        response: { 200: LearningExport, 401: ErrorRef },
      },
    },
    async (req, reply) => {
      reply.header('content-disposition', 'attachment; filename="backpath-learning-export.json"');
      reply.header('cache-control', 'private, no-store');
      return exportLearning(ctx.db, ctx.content.version, currentUser(req).id);
    },
  );
  app.post<{ Body: LearningExport }>(
    '/api/me/learning-import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      config: { access: 'user' },
      schema: {
        tags: ['export'],
        summary: 'Merge an export into my account (statuses only move forward; nothing is duplicated)',
        body: LearningExport,
        response: { 400: ErrorRef, 401: ErrorRef, 413: ErrorRef },
      },
    },
    async (req) => importLearning(ctx, currentUser(req).id, req.body),
  );
}
