/** GET/PUT /api/portfolio (my settings), public GET /api/portfolio/:handle and its badge.svg. */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { currentUser } from '../progress/current-user.ts';
import { badgeSvg } from './badge-svg.ts';
import type { PortfolioService, PortfolioSettings } from './portfolio.service.ts';

const ErrorRef = { $ref: 'ErrorResponse#' };
const Handle = Type.String({ pattern: '^[a-zA-Z0-9](?:[a-zA-Z0-9-]{1,37}[a-zA-Z0-9])$' });

const SettingsBody = Type.Object(
  {
    handle: Handle,
    published: Type.Boolean(),
    displayName: Type.Optional(Type.Union([Type.String({ maxLength: 80 }), Type.Null()])),
    bio: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
    showStages: Type.Optional(Type.Boolean({ default: true })),
    showExercises: Type.Optional(Type.Boolean({ default: true })),
    showProjects: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);

export async function portfolioRoutes(app: FastifyInstance, opts: { portfolio: PortfolioService }) {
  const { portfolio } = opts;
  app.get(
    '/api/portfolio',
    {
      config: { access: 'user' },
      schema: { tags: ['portfolio'], summary: 'My portfolio settings (null before the first save)' },
    },
    async (req) => ({ settings: await portfolio.mine(currentUser(req).id) }),
  );
  app.put<{ Body: Partial<PortfolioSettings> & { handle: string; published: boolean } }>(
    '/api/portfolio',
    {
      config: { access: 'user' },
      schema: {
        tags: ['portfolio'],
        summary: 'Choose my handle, publish or hide my profile, and pick the sections it shows',
        body: SettingsBody,
        response: { 400: ErrorRef, 401: ErrorRef, 409: ErrorRef },
      },
    },
    async (req) => {
      const b = req.body;
      return portfolio.save(currentUser(req).id, {
        handle: b.handle,
        published: b.published,
        displayName: b.displayName ?? null,
        bio: b.bio ?? null,
        showStages: b.showStages ?? true,
        showExercises: b.showExercises ?? true,
        showProjects: b.showProjects ?? true,
      });
    },
  );
  app.get<{ Params: { handle: string } }>(
    '/api/portfolio/:handle',
    {
      config: { access: 'public' },
      schema: {
        tags: ['portfolio'],
        summary: 'A published portfolio: only the sections its owner chose to show',
        params: Type.Object({ handle: Handle }),
        response: { 404: ErrorRef },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return portfolio.publicView(req.params.handle);
    },
  );
  app.get<{ Params: { handle: string } }>(
    '/api/portfolio/:handle/badge.svg',
    {
      config: { access: 'public' },
      schema: {
        tags: ['portfolio'],
        summary: 'An SVG badge with the number of stages completed, for READMEs',
        params: Type.Object({ handle: Handle }),
        produces: ['image/svg+xml'],
      },
    },
    async (req, reply) => {
      const { completed, total } = await portfolio.badgeCounts(req.params.handle);
      return (
        reply
          .type('image/svg+xml; charset=utf-8')
          .header('cache-control', 'public, max-age=300')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
          // Made to be shown in READMEs and on other sites, so other origins may load it.
          .header('cross-origin-resource-policy', 'cross-origin')
          .send(badgeSvg('backpath', `${completed}/${total} stages`))
      );
    },
  );
}
