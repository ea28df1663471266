/** Turning two-factor authentication on and off for my account (the sign-in step is in auth.routes). */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../errors.ts';
import { TotpCode } from './auth.schemas.ts';
import type { AuthDeps } from './auth-deps.ts';
import { beginSetup, disable, enable } from './two-factor.service.ts';
import { findUserById } from './users.repository.ts';

const tags = ['auth'];
const err = { $ref: 'ErrorResponse#' };
const CodeBody = Type.Object({ code: Type.String({ pattern: '^(\\d{6}|[0-9a-fA-F]{5}-?[0-9a-fA-F]{5})$' }) });

export async function twoFactorRoutes(app: FastifyInstance, deps: AuthDeps): Promise<void> {
  const me = async (id: string) => {
    const user = await findUserById(deps.db, id);
    if (!user) throw new AppError('unauthorized', 'Sign in to do this.');
    return user;
  };

  app.post(
    '/api/auth/two-factor/setup',
    {
      config: { access: 'user', sessionOnly: true },
      schema: {
        tags,
        summary: 'Start TOTP set-up: a new secret and otpauth:// URI for an authenticator app',
        response: {
          200: Type.Object({ secret: Type.String(), otpauthUri: Type.String() }),
          401: err,
          409: err,
        },
      },
    },
    async (req) => beginSetup(deps, await me(req.user!.id)),
  );

  app.post<{ Body: { code: string } }>(
    '/api/auth/two-factor/enable',
    {
      config: { access: 'user', sessionOnly: true },
      schema: {
        tags,
        summary: 'Confirm set-up with a current code; answers the ten recovery codes, shown once',
        body: Type.Object({ code: TotpCode }),
        response: { 200: Type.Object({ recoveryCodes: Type.Array(Type.String()) }), 401: err, 409: err },
      },
    },
    async (req) => ({ recoveryCodes: await enable(deps, req, await me(req.user!.id), req.body.code) }),
  );

  app.post<{ Body: { code: string } }>(
    '/api/auth/two-factor/disable',
    {
      config: { access: 'user', sessionOnly: true },
      schema: {
        tags,
        summary: 'Turn two-factor off with a current code or a recovery code',
        body: CodeBody,
        response: { 204: {}, 401: err, 409: err },
      },
    },
    async (req, reply) => {
      await disable(deps, req, await me(req.user!.id), req.body.code);
      return reply.status(204).send();
    },
  );
}
