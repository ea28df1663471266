/** Device-authorization endpoints used by `backpath login` (the CLI) and the browser that approves it. */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { LIMITS } from '../../plugins/rate-limit.ts';
import { Secret } from './auth.schemas.ts';
import type { AuthDeps } from './auth-deps.ts';
import { decideDevice, pollDevice, startDeviceFlow } from './device-flow.ts';

const tags = ['auth'];
const err = { $ref: 'ErrorResponse#' };
const UserCodeBody = Type.Object({ userCode: Type.String({ minLength: 8, maxLength: 12, pattern: '^[A-Za-z-]+$' }) });

export async function deviceRoutes(app: FastifyInstance, deps: AuthDeps): Promise<void> {
  app.post(
    '/api/auth/device/code',
    {
      config: { access: 'public', rateLimit: LIMITS.tokenIp },
      schema: {
        tags,
        summary: 'Start a device login: a device code for the CLI and a user code for the browser',
        response: {
          200: Type.Object({
            deviceCode: Type.String(),
            userCode: Type.String(),
            verificationUri: Type.String(),
            intervalSeconds: Type.Integer(),
            expiresInSeconds: Type.Integer(),
          }),
          429: err,
        },
      },
    },
    async () => startDeviceFlow(deps),
  );

  app.post<{ Body: { deviceCode: string } }>(
    '/api/auth/device/token',
    {
      config: { access: 'public', rateLimit: LIMITS.devicePoll },
      schema: {
        tags,
        summary:
          'Poll for the token: 200 once approved, else 400 authorization_pending | slow_down | expired_token | access_denied',
        body: Type.Object({ deviceCode: Secret }),
        response: { 200: Type.Object({ token: Type.String() }), 400: err, 429: err },
      },
    },
    async (req) => pollDevice(deps, req, req.body.deviceCode),
  );

  for (const [path, decision] of [
    ['approve', 'approved'],
    ['deny', 'denied'],
  ] as const) {
    app.post<{ Body: { userCode: string } }>(
      `/api/auth/device/${path}`,
      {
        config: { access: 'user', sessionOnly: true, rateLimit: LIMITS.tokenIp },
        schema: {
          tags,
          summary: `${path === 'approve' ? 'Approve' : 'Deny'} a device login by its user code (signed in)`,
          body: UserCodeBody,
          response: { 204: {}, 401: err, 404: err },
        },
      },
      async (req, reply) => {
        await deps.limiter.consume(LIMITS.tokenAccount, req.user!.id);
        await decideDevice(deps, req, req.body.userCode, decision);
        return reply.status(204).send();
      },
    );
  }
}
