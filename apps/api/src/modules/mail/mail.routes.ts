/**
 * The outbox for admins: every mail the server wrote (sent by SMTP, failed, or kept because there is
 * no mail server), read from the server's own database, so it is never stale. Without a mail server
 * this is how people get their confirmation and reset links; reading it is audited, since a reset
 * link in it opens an account.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { audit } from '../admin/audit-log.ts';
import { Email } from '../auth/auth.schemas.ts';
import type { AuthDeps } from '../auth/auth-deps.ts';
import { readOutbox } from './mailer.ts';

const err = { $ref: 'ErrorResponse#' };

const OutboxMessage = Type.Object({
  id: Type.Integer(),
  to: Type.String(),
  subject: Type.String(),
  body: Type.String(),
  transport: Type.Union([Type.Literal('smtp'), Type.Literal('outbox')]),
  createdAt: Type.String(),
  sentAt: Type.Union([Type.String(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
});

export async function mailRoutes(app: FastifyInstance, deps: AuthDeps): Promise<void> {
  const { db, mailer } = deps;

  app.get<{ Querystring: { to?: string; limit?: number } }>(
    '/api/admin/mail-outbox',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['admin'],
        summary:
          'Mail the server has written, newest first (filter by recipient); with no mail server, nothing else sends it',
        querystring: Type.Object({
          to: Type.Optional(Email),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
        }),
        response: {
          200: Type.Object({ mailServer: Type.Boolean(), messages: Type.Array(OutboxMessage) }),
          400: err,
          401: err,
          403: err,
        },
      },
    },
    async (req) => {
      const messages = await readOutbox(db, {
        ...(req.query.to ? { to: req.query.to } : {}),
        limit: req.query.limit ?? 50,
      });
      await audit(db, {
        event: 'mail_outbox.read',
        userId: req.user!.id,
        ip: req.ip,
        details: { count: messages.length, ...(req.query.to ? { to: req.query.to } : {}) },
      });
      return { mailServer: !mailer.keepsMail, messages };
    },
  );
}
