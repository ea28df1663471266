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
        summary:
          'Download what I learned here: progress, notes, links, submissions, quiz attempts, review schedule, activity, portfolio settings, credentials and reports (backpath-learning-export v2)',
        response: { 200: LearningExport, 401: ErrorRef },
      },
    },
    async (req, reply) => {
      reply.header('content-disposition', 'attachment; filename="backpath-learning-export.json"');
      reply.header('cache-control', 'private, no-store');
      return exportLearning(ctx.db, ctx.content.version, currentUser(req).id, ctx.config.publicUrl);
    },
  );
  app.post<{ Body: LearningExport }>(
    '/api/me/learning-import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      config: { access: 'user' },
      schema: {
        tags: ['export'],
        summary:
          'Merge an export (v1 or v2) into my account: statuses only move forward, nothing is duplicated, and what another instance signed or verified is kept as imported, not as evidence',
        body: LearningExport,
        response: { 400: ErrorRef, 401: ErrorRef, 413: ErrorRef },
      },
    },
    async (req) => importLearning(ctx, currentUser(req).id, req.body),
  );
}
