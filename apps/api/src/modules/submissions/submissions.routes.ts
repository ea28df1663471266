/**
 * POST /api/exercises/:id/submissions (202 queued, or 200 graded for `run`), GET one submission,
 * its server-sent `result` event, and my history / best / latest per exercise.
 */
import type { FastifyInstance } from 'fastify';
import { headerTimeZone } from '../activity/time-zone.ts';
import { currentUser } from '../progress/current-user.ts';
import { ContentIdParam } from '../progress/progress.schemas.ts';
import { toView } from './submission-view.ts';
import {
  PageQuery,
  SubmissionBody,
  SubmissionIdParam,
  SubmissionPage,
  SubmissionResponse,
} from './submissions.schemas.ts';
import type { SubmissionsService } from './submissions.service.ts';

const ErrorRef = { $ref: 'ErrorResponse#' };
const errors = { 400: ErrorRef, 401: ErrorRef, 404: ErrorRef };
/** An SSE stream closes after this long without a result; the client polls or reconnects. */
const SSE_WAIT_MS = 60_000;

export async function submissionsRoutes(app: FastifyInstance, opts: { submissions: SubmissionsService }) {
  const { submissions } = opts;
  app.post<{ Params: { id: string }; Body: { code: string; mode?: 'run' | 'submit' } }>(
    '/api/exercises/:id/submissions',
    {
      config: { access: 'user' },
      schema: {
        tags: ['submissions'],
        summary: 'Submit code: `submit` is queued (202, poll or stream it); `run` grades the visible checks now (200)',
        params: ContentIdParam('id'),
        body: SubmissionBody,
        response: { 200: SubmissionResponse, 202: SubmissionResponse, ...errors, 413: ErrorRef, 503: ErrorRef },
      },
    },
    async (req, reply) => {
      const user = currentUser(req);
      const { view, settled } = await submissions.create(
        user.id,
        req.params.id,
        req.body.code,
        req.body.mode ?? 'submit',
        headerTimeZone(req),
      );
      if (!settled) reply.header('location', `/api/submissions/${view.id}`);
      return reply.status(settled ? 200 : 202).send(view);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/submissions/:id',
    {
      config: { access: 'user' },
      schema: {
        tags: ['submissions'],
        summary: 'One submission (mine, or a cohort member’s for their mentor)',
        params: SubmissionIdParam,
        response: { 200: SubmissionResponse, ...errors },
      },
    },
    async (req) => toView(await submissions.get(currentUser(req).id, req.params.id)),
  );

  app.get<{ Params: { id: string } }>(
    '/api/submissions/:id/events',
    {
      config: { access: 'user' },
      schema: {
        tags: ['submissions'],
        summary: 'Server-sent events: one `result` event with the submission once it is graded, then close',
        params: SubmissionIdParam,
        produces: ['text/event-stream'],
      },
    },
    async (req, reply) => {
      const viewer = currentUser(req).id;
      const first = await submissions.get(viewer, req.params.id);
      const settledNow = (s: string) => s === 'graded' || s === 'failed';
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        connection: 'keep-alive',
      });
      // Headers go out now, not with the first event: a client knows at once that it is listening.
      raw.flushHeaders();
      let ended = false;
      const end = (event: string, data: unknown) => {
        if (ended) return;
        ended = true;
        raw.end(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      if (settledNow(first.status)) return end('result', toView(first));
      const latest = async () => toView(await submissions.get(viewer, req.params.id));
      const unsubscribe = submissions.queue?.onSettled(req.params.id, () => {
        clearTimeout(timer);
        latest().then(
          (v) => end('result', v),
          () => end('error', { message: 'The submission could not be read.' }),
        );
      });
      const timer = setTimeout(() => {
        unsubscribe?.();
        latest().then(
          (v) => end('timeout', v),
          () => end('error', {}),
        );
      }, SSE_WAIT_MS);
      raw.on('close', () => {
        clearTimeout(timer);
        unsubscribe?.();
      });
      // Subscribed first, then re-read: a grade that finished in between is not missed.
      const again = await latest();
      if (settledNow(again.status)) {
        clearTimeout(timer);
        unsubscribe?.();
        end('result', again);
      }
    },
  );

  app.get<{ Params: { id: string }; Querystring: { cursor?: string; limit?: number } }>(
    '/api/exercises/:id/submissions',
    {
      config: { access: 'user' },
      schema: {
        tags: ['submissions'],
        summary: 'My submissions for an exercise, newest first (cursor-paginated)',
        params: ContentIdParam('id'),
        querystring: PageQuery,
        response: { 200: SubmissionPage, ...errors },
      },
    },
    async (req) => submissions.list(currentUser(req).id, req.params.id, req.query.limit ?? 20, req.query.cursor),
  );

  for (const which of ['best', 'latest'] as const) {
    app.get<{ Params: { id: string } }>(
      `/api/exercises/:id/submissions/${which}`,
      {
        config: { access: 'user' },
        schema: {
          tags: ['submissions'],
          summary:
            which === 'best' ? 'My best graded submission for an exercise' : 'My latest submission for an exercise',
          params: ContentIdParam('id'),
          response: { 200: SubmissionResponse, ...errors },
        },
      },
      async (req) => submissions.bestOrLatest(currentUser(req).id, req.params.id, which),
    );
  }
}
