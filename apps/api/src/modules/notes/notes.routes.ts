/** Private Markdown notes and bookmarked links per topic: GET/PUT notes, GET/POST/DELETE links. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError, notFound } from '../../errors.ts';
import { currentUser } from '../progress/current-user.ts';
import type { LearningContext } from '../progress/learning-context.ts';
import { ContentIdParam } from '../progress/progress.schemas.ts';
import { renderUserMarkdown } from './safe-markdown.ts';

const ErrorRef = { $ref: 'ErrorResponse#' };
const errors = { 400: ErrorRef, 401: ErrorRef, 404: ErrorRef };
export const MAX_NOTE_CHARS = 50_000;
const MAX_LINKS_PER_TOPIC = 100;

export async function notesRoutes(app: FastifyInstance, opts: { ctx: LearningContext }) {
  const { ctx } = opts;
  const topic = (idIn: string) => {
    const id = ctx.content.resolve(idIn);
    if (!id || !ctx.content.curriculum.topics.has(id)) throw notFound('Topic', idIn);
    return id;
  };
  const params = ContentIdParam('topicId');
  type P = { Params: { topicId: string } };

  app.get<P>(
    '/api/topics/:topicId/notes',
    {
      config: { access: 'user' },
      schema: { tags: ['notes'], summary: 'My note on a topic', params, response: errors },
    },
    async (req) => {
      const topicId = topic(req.params.topicId);
      const [row] = await ctx.db.query<{ body: string; updated_at: Date | string }>(
        'SELECT body, updated_at FROM topic_notes WHERE user_id = $1 AND topic_id = ANY($2::text[]) ORDER BY updated_at DESC LIMIT 1',
        [currentUser(req).id, ctx.content.aliases(topicId)],
      );
      return {
        topicId,
        body: row?.body ?? '',
        html: row ? renderUserMarkdown(row.body) : '',
        updatedAt: row ? new Date(row.updated_at).toISOString() : null,
      };
    },
  );

  app.put<P & { Body: { body: string } }>(
    '/api/topics/:topicId/notes',
    {
      config: { access: 'user' },
      schema: {
        tags: ['notes'],
        summary: 'Replace my note on a topic (Markdown, private)',
        params,
        body: Type.Object({ body: Type.String({ maxLength: MAX_NOTE_CHARS }) }, { additionalProperties: false }),
        response: errors,
      },
    },
    async (req) => {
      const topicId = topic(req.params.topicId);
      const [row] = await ctx.db.query<{ updated_at: Date | string }>(
        `INSERT INTO topic_notes (user_id, topic_id, body) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, topic_id) DO UPDATE SET body = EXCLUDED.body, updated_at = now() RETURNING updated_at`,
        [currentUser(req).id, topicId, req.body.body],
      );
      return {
        topicId,
        body: req.body.body,
        html: renderUserMarkdown(req.body.body),
        updatedAt: new Date(row!.updated_at).toISOString(),
      };
    },
  );

  app.get<P>(
    '/api/topics/:topicId/links',
    {
      config: { access: 'user' },
      schema: { tags: ['notes'], summary: 'My bookmarked links on a topic', params, response: errors },
    },
    async (req) => {
      const topicId = topic(req.params.topicId);
      const rows = await ctx.db.query<{ id: string; url: string; title: string; created_at: Date | string }>(
        'SELECT id, url, title, created_at FROM topic_links WHERE user_id = $1 AND topic_id = ANY($2::text[]) ORDER BY created_at, id',
        [currentUser(req).id, ctx.content.aliases(topicId)],
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          url: r.url,
          title: r.title,
          createdAt: new Date(r.created_at).toISOString(),
        })),
      };
    },
  );

  app.post<P & { Body: { url: string; title?: string } }>(
    '/api/topics/:topicId/links',
    {
      config: { access: 'user' },
      schema: {
        tags: ['notes'],
        summary: 'Bookmark a link on a topic',
        params,
        body: Type.Object(
          {
            url: Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 2000 }),
            title: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { ...errors, 409: ErrorRef },
      },
    },
    async (req, reply) => {
      const topicId = topic(req.params.topicId);
      const userId = currentUser(req).id;
      const [count] = await ctx.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM topic_links WHERE user_id = $1 AND topic_id = $2',
        [userId, topicId],
      );
      if ((count?.n ?? 0) >= MAX_LINKS_PER_TOPIC) {
        throw new AppError('conflict', `A topic holds at most ${MAX_LINKS_PER_TOPIC} links.`);
      }
      const id = randomUUID();
      const title = req.body.title?.trim() || req.body.url;
      const [row] = await ctx.db.query<{ created_at: Date | string }>(
        'INSERT INTO topic_links (id, user_id, topic_id, url, title) VALUES ($1, $2, $3, $4, $5) RETURNING created_at',
        [id, userId, topicId, req.body.url, title],
      );
      reply.status(201);
      return { id, url: req.body.url, title, createdAt: new Date(row!.created_at).toISOString() };
    },
  );

  app.delete<{ Params: { topicId: string; linkId: string } }>(
    '/api/topics/:topicId/links/:linkId',
    {
      config: { access: 'user' },
      schema: {
        tags: ['notes'],
        summary: 'Remove one of my links',
        params: Type.Object({ ...params.properties, linkId: Type.String({ format: 'uuid' }) }),
        response: errors,
      },
    },
    async (req, reply) => {
      const rows = await ctx.db.query('DELETE FROM topic_links WHERE id = $1 AND user_id = $2 RETURNING id', [
        req.params.linkId,
        currentUser(req).id,
      ]);
      if (rows.length === 0) throw notFound('Link', req.params.linkId);
      return reply.status(204).send();
    },
  );
}
