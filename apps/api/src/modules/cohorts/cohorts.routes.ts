/** Cohorts under /api/cohorts (mentors create; learners join by invite token) and submission comments. */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { currentUser } from '../progress/current-user.ts';
import type { CohortsService } from './cohorts.service.ts';
import type { CommentsService } from './comments.service.ts';

const ErrorRef = { $ref: 'ErrorResponse#' };
const errors = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef };
const Uuid = Type.String({ format: 'uuid' });
const Id = Type.String({ minLength: 1, maxLength: 100 });
const CohortParam = Type.Object({ id: Uuid });
const MemberParams = Type.Object({ id: Uuid, userId: Id });

export async function cohortsRoutes(
  app: FastifyInstance,
  opts: { cohorts: CohortsService; comments: CommentsService },
) {
  const { cohorts, comments } = opts;
  app.post<{ Body: { name: string } }>(
    '/api/cohorts',
    {
      config: { access: { roles: ['mentor', 'admin'] } },
      schema: {
        tags: ['cohorts'],
        summary: 'Create a cohort (mentors and admins); the answer carries its invite link',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 120 }) }, { additionalProperties: false }),
        response: errors,
      },
    },
    async (req, reply) => reply.status(201).send(await cohorts.create(currentUser(req), req.body.name)),
  );
  app.get(
    '/api/cohorts',
    { config: { access: 'user' }, schema: { tags: ['cohorts'], summary: 'Cohorts I belong to, with my role' } },
    async (req) => ({ items: await cohorts.mine(currentUser(req).id) }),
  );
  app.post<{ Body: { token: string } }>(
    '/api/cohorts/join',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cohorts'],
        summary: 'Join a cohort with its invite token',
        body: Type.Object({ token: Type.String({ minLength: 10, maxLength: 100 }) }, { additionalProperties: false }),
        response: errors,
      },
    },
    async (req) => cohorts.join(currentUser(req), req.body.token),
  );
  app.get<{ Params: { id: string } }>(
    '/api/cohorts/:id',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cohorts'],
        summary: 'A cohort; its mentors also see members and their completion',
        params: CohortParam,
        response: errors,
      },
    },
    async (req) => cohorts.get(req.params.id, currentUser(req).id),
  );
  app.delete<{ Params: { id: string; userId: string } }>(
    '/api/cohorts/:id/members/:userId',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cohorts'],
        summary: 'Leave a cohort (your own id) or, as its mentor, remove a learner',
        params: MemberParams,
        response: errors,
      },
    },
    async (req, reply) => {
      await cohorts.remove(req.params.id, currentUser(req).id, req.params.userId);
      return reply.status(204).send();
    },
  );
  app.get<{ Params: { id: string; userId: string } }>(
    '/api/cohorts/:id/members/:userId/progress',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cohorts'],
        summary: 'A member’s progress (the cohort’s mentors only)',
        params: MemberParams,
        response: errors,
      },
    },
    async (req) => cohorts.memberProgress(req.params.id, currentUser(req).id, req.params.userId),
  );
  app.get<{ Params: { id: string; userId: string }; Querystring: { limit?: number; cursor?: string } }>(
    '/api/cohorts/:id/members/:userId/submissions',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cohorts'],
        summary: 'A member’s submissions, newest first (the cohort’s mentors only; cursor-paginated)',
        params: MemberParams,
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: errors,
      },
    },
    async (req) =>
      cohorts.memberSubmissions(
        req.params.id,
        currentUser(req).id,
        req.params.userId,
        req.query.limit ?? 50,
        req.query.cursor,
      ),
  );
  app.get<{ Params: { id: string } }>(
    '/api/submissions/:id/comments',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cohorts'],
        summary: 'Review comments on a submission, threaded',
        params: Type.Object({ id: Uuid }),
        response: errors,
      },
    },
    async (req) => comments.list(req.params.id, currentUser(req).id),
  );
  app.post<{ Params: { id: string }; Body: { body: string; parentId?: string } }>(
    '/api/submissions/:id/comments',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cohorts'],
        summary: 'Comment on a submission (Markdown, sanitised); reply by naming parentId',
        params: Type.Object({ id: Uuid }),
        body: Type.Object(
          { body: Type.String({ minLength: 1, maxLength: 10_000 }), parentId: Type.Optional(Uuid) },
          { additionalProperties: false },
        ),
        response: errors,
      },
    },
    async (req, reply) =>
      reply.status(201).send(await comments.add(req.params.id, currentUser(req).id, req.body.body, req.body.parentId)),
  );
}
