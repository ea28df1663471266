/**
 * GET /.well-known/jwks.json (public keys), GET /api/credentials (mine), GET /api/credentials/checklist
 * (what each stage's credential needs), GET /api/credentials/:id (public: the JWT, its evidence and
 * whether it was revoked). On start-up, credentials issued before the evidence rule are audited.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { currentUser } from '../progress/current-user.ts';
import { ChecklistResponse, CredentialListResponse, CredentialResponse } from './credentials.schemas.ts';
import type { CredentialsService } from './credentials.service.ts';

const ErrorRef = { $ref: 'ErrorResponse#' };

export async function credentialsRoutes(app: FastifyInstance, opts: { credentials: CredentialsService }) {
  const { credentials } = opts;
  app.addHook('onReady', async () => {
    // A failed audit must not keep the server down: unaudited credentials are also checked when
    // their owner lists them and before the public page vouches for one.
    try {
      const { audited, revoked } = await credentials.auditAll();
      if (audited > 0) app.log.info({ audited, revoked }, 'credentials issued before the evidence rule audited');
    } catch (err) {
      app.log.error({ err }, 'credential audit failed; it runs again per credential on read');
    }
  });
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
        summary:
          'My credentials: one per stage whose graded work all passed here (issued on first request after that), ' +
          'revoked ones included with their reason',
        response: { 200: CredentialListResponse, 401: ErrorRef },
      },
    },
    async (req) => ({ items: await credentials.sync(currentUser(req)) }),
  );
  app.get(
    '/api/credentials/checklist',
    {
      config: { access: 'user' },
      schema: {
        tags: ['credentials'],
        summary: 'Per stage: the graded work its credential needs, what I passed (when) and what is left',
        response: { 200: ChecklistResponse, 401: ErrorRef },
      },
    },
    async (req) => credentials.checklist(currentUser(req)),
  );
  app.get<{ Params: { id: string } }>(
    '/api/credentials/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['credentials'],
        summary:
          'One credential as a signed VC-JWT (EdDSA), verifiable with the JWKS, with its evidence and revocation ' +
          'status — shareable by its link',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: CredentialResponse, 404: ErrorRef },
      },
    },
    async (req) => credentials.get(req.params.id),
  );
}
