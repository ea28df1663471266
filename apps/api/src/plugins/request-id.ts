/**
 * Request ids: a caller's `X-Request-Id` is kept when it looks like an id (so a proxy's id follows
 * the request through our logs); otherwise a new UUID is made. Every response echoes it.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

const SAFE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function genReqId(req: { headers: Record<string, string | string[] | undefined> }): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
}

export function registerRequestId(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
}
