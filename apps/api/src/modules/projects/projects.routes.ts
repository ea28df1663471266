/**
 * POST /api/projects/:projectId/reports stores the capstone tester's JSON report (what
 * `backpath project submit` sends) as evidence; the portfolio counts the capstone stages it passed.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import { AppError, notFound } from '../../errors.ts';
import { afterClause, decodeCursor, toPage } from '../../lib/cursor.ts';
import { recordActivity } from '../activity/activity.repository.ts';
import { headerTimeZone } from '../activity/time-zone.ts';
import { currentUser } from '../progress/current-user.ts';
import type { LearningContext } from '../progress/learning-context.ts';
import { ContentIdParam } from '../progress/progress.schemas.ts';
import { PageQuery } from '../submissions/submissions.schemas.ts';

const ErrorRef = { $ref: 'ErrorResponse#' };

/** The parts of the tester's report the server relies on; the rest is stored as sent. */
const Report = Type.Object(
  {
    version: Type.Literal(1),
    project: Type.String({ maxLength: 80 }),
    passed: Type.Boolean(),
    stages: Type.Array(
      Type.Object(
        {
          number: Type.Integer(),
          id: Type.String({ maxLength: 80 }),
          status: Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('skipped')]),
        },
        { additionalProperties: true },
      ),
      { maxItems: 50 },
    ),
  },
  { additionalProperties: true },
);

interface ReportBody {
  report: { version: 1; project: string; passed: boolean; stages: { number: number; id: string; status: string }[] };
}

export async function projectsRoutes(app: FastifyInstance, opts: { ctx: LearningContext }) {
  const { ctx } = opts;
  app.post<{ Params: { projectId: string }; Body: ReportBody }>(
    '/api/projects/:projectId/reports',
    {
      config: { access: 'user' },
      schema: {
        tags: ['projects'],
        summary: 'Record a capstone tester report (the CLI’s --json output) as evidence',
        params: ContentIdParam('projectId'),
        body: Type.Object({ report: Report }, { additionalProperties: false }),
        response: { 400: ErrorRef, 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (req, reply) => {
      const project = ctx.content.curriculum.projects.get(req.params.projectId);
      if (!project) throw notFound('Project', req.params.projectId);
      const { report } = req.body;
      if (report.project !== project.id) {
        throw new AppError('validation_failed', `The report is for project "${report.project}", not "${project.id}".`);
      }
      const known = new Set(project.stages.map((s) => s.id));
      const passedStages = report.stages.filter((s) => s.status === 'pass' && known.has(s.id)).map((s) => s.id);
      const id = randomUUID();
      const userId = currentUser(req).id;
      await ctx.db.query(
        `INSERT INTO project_reports (id, user_id, project_id, passed, passed_stages, report) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, userId, project.id, report.passed, JSON.stringify(passedStages), JSON.stringify(report)],
      );
      await recordActivity(ctx.db, userId, headerTimeZone(req));
      reply.status(201);
      return { id, projectId: project.id, passedStages };
    },
  );
  app.get<{ Params: { projectId: string }; Querystring: Static<typeof PageQuery> }>(
    '/api/projects/:projectId/reports',
    {
      config: { access: 'user' },
      schema: {
        tags: ['projects'],
        summary: 'My reports for a capstone project, newest first (cursor-paginated)',
        params: ContentIdParam('projectId'),
        querystring: PageQuery,
        response: { 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (req) => {
      if (!ctx.content.curriculum.projects.has(req.params.projectId)) throw notFound('Project', req.params.projectId);
      const limit = req.query.limit ?? 20;
      const after = afterClause(req.query.cursor ? decodeCursor(req.query.cursor) : undefined, 4);
      const rows = await ctx.db.query<{
        id: string;
        passed: boolean;
        passed_stages: string[];
        created_at: Date | string;
      }>(
        `SELECT id, passed, passed_stages, created_at FROM project_reports WHERE user_id = $1 AND project_id = $2
         ${after.sql} ORDER BY created_at DESC, id DESC LIMIT $3`,
        [currentUser(req).id, req.params.projectId, limit + 1, ...after.params],
      );
      return toPage(rows, limit, (r) => ({
        id: r.id,
        passed: r.passed,
        passedStages: r.passed_stages,
        createdAt: new Date(r.created_at).toISOString(),
      }));
    },
  );
}
