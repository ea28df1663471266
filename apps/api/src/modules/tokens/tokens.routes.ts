/**
 * Personal API tokens for the CLI and scripts: create (shown once), list, revoke. Browser sessions
 * only, except that a token may revoke itself (`backpath logout`), since that only takes power away.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../errors.ts';
import { LIMITS } from '../../plugins/rate-limit.ts';
import { audit } from '../admin/audit-log.ts';
import { IdParams, Name } from '../auth/auth.schemas.ts';
import type { AuthDeps } from '../auth/auth-deps.ts';
import { createToken, listTokens, revokeToken, revokeTokenBySecret } from './tokens.repository.ts';

const tags = ['tokens'];
const err = { $ref: 'ErrorResponse#' };
const Scope = Type.Union([Type.Literal('read'), Type.Literal('write')]);
const TokenInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scopes: Type.Array(Scope),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});
const CreateBody = Type.Object({ name: Name, scopes: Type.Array(Scope, { minItems: 1, maxItems: 2 }) });
const MAX_TOKENS = 50;
/** The secret of the bearer token the auth plugin already accepted for this request. */
const bearerSecret = (header: string | undefined) => /^Bearer (\S+)$/i.exec(header ?? '')?.[1];

export async function tokensRoutes(app: FastifyInstance, deps: AuthDeps): Promise<void> {
  const { db } = deps;

  app.post<{ Body: { name: string; scopes: ('read' | 'write')[] } }>(
    '/api/tokens',
    {
      config: { access: 'user', sessionOnly: true, rateLimit: LIMITS.tokenIp },
      schema: {
        tags,
        summary: 'Create a personal API token; `token` is shown only in this answer',
        body: CreateBody,
        response: { 201: Type.Intersect([TokenInfo, Type.Object({ token: Type.String() })]), 401: err, 429: err },
      },
    },
    async (req, reply) => {
      const userId = req.user!.id;
      await deps.limiter.consume(LIMITS.tokenAccount, userId);
      if ((await listTokens(db, userId)).length >= MAX_TOKENS) {
        throw new AppError('conflict', `You already have ${MAX_TOKENS} tokens; revoke one first.`);
      }
      const created = await createToken(db, userId, req.body.name.normalize('NFC').trim(), req.body.scopes);
      await audit(db, { event: 'token.created', userId, ip: req.ip, details: { tokenId: created.id } });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/tokens',
    {
      config: { access: 'user', sessionOnly: true },
      schema: {
        tags,
        summary: 'My live API tokens (never the secret)',
        response: { 200: Type.Object({ tokens: Type.Array(TokenInfo) }), 401: err },
      },
    },
    async (req) => ({ tokens: await listTokens(db, req.user!.id) }),
  );

  app.delete<{ Params: { tokenId: string } }>(
    '/api/tokens/:tokenId',
    {
      config: { access: 'user', sessionOnly: true },
      schema: {
        tags,
        summary: 'Revoke one of my tokens; it stops working immediately',
        params: IdParams('tokenId'),
        response: { 204: {}, 401: err, 404: err },
      },
    },
    async (req, reply) => {
      if (!(await revokeToken(db, req.user!.id, req.params.tokenId))) {
        throw new AppError('not_found', 'No such token.');
      }
      await audit(db, {
        event: 'token.revoked',
        userId: req.user!.id,
        ip: req.ip,
        details: { tokenId: req.params.tokenId },
      });
      return reply.status(204).send();
    },
  );

  // A static path: the router matches it before `/api/tokens/:tokenId`, whatever the registration order.
  app.delete(
    '/api/tokens/current',
    {
      config: { access: 'user', readOnlyTokenAllowed: true },
      schema: {
        tags,
        summary: 'Revoke the API token this request is made with (log out a CLI); it stops working immediately',
        description:
          'Needs `Authorization: Bearer`; a read-only token may revoke itself too. A browser session has no token to revoke and gets 400.',
        response: { 204: {}, 400: err, 401: err, 403: err },
      },
    },
    async (req, reply) => {
      const user = req.user!;
      const secret = user.via === 'token' ? bearerSecret(req.headers.authorization) : undefined;
      if (!secret) throw new AppError('bad_request', 'This request was not made with an API token.');
      const tokenId = await revokeTokenBySecret(db, user.id, secret);
      // The auth hook found this token live a moment ago; a concurrent revocation is the only way to miss.
      if (!tokenId) throw new AppError('unauthorized', 'The API token is invalid, expired or revoked.');
      await audit(db, { event: 'token.revoked', userId: user.id, ip: req.ip, details: { tokenId, via: 'self' } });
      return reply.status(204).send();
    },
  );
}
