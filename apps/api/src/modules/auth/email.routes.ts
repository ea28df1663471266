/** Email verification and password reset endpoints (the links in the mails post their token here). */
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { LIMITS } from '../../plugins/rate-limit.ts';
import { responseSent } from '../mail/mailer.ts';
import { Message, ResetConfirmBody, ResetRequestBody, TokenBody } from './auth.schemas.ts';
import type { AuthDeps } from './auth-deps.ts';
import { confirmReset, RESET_ANSWER, requestReset, verifyEmail } from './email-tokens.service.ts';
import { NO_MAIL_HINT, sendVerification } from './sign-in.service.ts';
import { findUserById } from './users.repository.ts';

const tags = ['auth'];
const NO_MAIL_RESET_HINT =
  'This Backpath has no mail server, so the link is not emailed: ask its admin for it (admins find it on the Outbox page).';
const err = { $ref: 'ErrorResponse#' };

export async function emailRoutes(app: FastifyInstance, deps: AuthDeps): Promise<void> {
  app.post<{ Body: Static<typeof TokenBody> }>(
    '/api/auth/verify-email',
    {
      config: { access: 'public', rateLimit: LIMITS.resetIp },
      schema: {
        tags,
        summary: 'Confirm an email address (after sign-up or an email change) with the mailed token',
        body: TokenBody,
        response: { 200: { type: 'object', properties: { email: { type: 'string' } } }, 400: err },
      },
    },
    async (req) => verifyEmail(deps, req, req.body.token),
  );

  app.post(
    '/api/auth/verify-email/resend',
    {
      config: { access: 'user', rateLimit: LIMITS.resetIp },
      schema: { tags, summary: 'Mail me a new verification link', response: { 202: Message, 401: err } },
    },
    async (req, reply) => {
      const user = await findUserById(deps.db, req.user!.id);
      if (user && !user.emailVerifiedAt) await sendVerification(deps, user);
      const message = deps.mailer.keepsMail
        ? `If the address still needs confirming, a new link is waiting. ${NO_MAIL_HINT}`
        : 'If the address still needs confirming, a new link is on its way.';
      return reply.status(202).send({ message });
    },
  );

  app.post<{ Body: Static<typeof ResetRequestBody> }>(
    '/api/auth/password-reset/request',
    {
      config: { access: 'public', rateLimit: LIMITS.resetIp },
      schema: {
        tags,
        summary: 'Mail a password-reset link (same answer whether or not the email has an account)',
        body: ResetRequestBody,
        response: { 202: Message, 429: err },
      },
    },
    async (req, reply) => {
      await requestReset(deps, req.body.email, responseSent(reply));
      const message = deps.mailer.keepsMail ? `${RESET_ANSWER} ${NO_MAIL_RESET_HINT}` : RESET_ANSWER;
      return reply.status(202).send({ message });
    },
  );

  app.post<{ Body: Static<typeof ResetConfirmBody> }>(
    '/api/auth/password-reset/confirm',
    {
      config: { access: 'public', rateLimit: LIMITS.resetIp },
      schema: {
        tags,
        summary: 'Set a new password with the mailed token; ends every session of the account',
        body: ResetConfirmBody,
        response: { 200: Message, 400: err },
      },
    },
    async (req) => {
      await confirmReset(deps, req, req.body.token, req.body.password);
      return { message: 'Your password has been changed. Sign in with the new one.' };
    },
  );
}
