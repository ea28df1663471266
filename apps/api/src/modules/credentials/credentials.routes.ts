/** GET /.well-known/jwks.json (public keys), GET /api/credentials (mine), GET /api/credentials/:id (the JWT). */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { currentUser } from '../progress/current-user.ts';
import type { CredentialsService } from './credentials.service.ts';

const ErrorRef = { $ref: 'ErrorResponse#' };

export async function credentialsRoutes(app: FastifyInstance, opts: { credentials: CredentialsService }) {
  const { credentials } = opts;
  app.get(
    '/.well-known/jwks.json',
    {
      config: { access: 'public' },
      schema: { tags: ['credentials'], summary: 'The public keys that verify this instance’s credentials (JWKS)' },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return credentials.jwks();
    },
  );
  app.get(
    '/api/credentials',
    {
      config: { access: 'user' },
      schema: {
        tags: ['credentials'],
        summary: 'My credentials: one per completed stage (issued on first request after completion)',
        response: { 401: ErrorRef },
      },
    },
    async (req) => ({ items: await credentials.sync(currentUser(req)) }),
  );
  app.get<{ Params: { id: string } }>(
    '/api/credentials/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['credentials'],
        summary: 'One credential as a signed VC-JWT (EdDSA), verifiable with the JWKS — shareable by its link',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 404: ErrorRef },
      },
    },
    async (req) => credentials.get(req.params.id),
  );
}
