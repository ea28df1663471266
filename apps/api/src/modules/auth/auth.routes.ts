/** Sign-up, sign-in (with the optional two-factor step), sign-out and the list of my sessions. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import { AppError } from '../../errors.ts';
import { LIMITS } from '../../plugins/rate-limit.ts';
import { audit } from '../admin/audit-log.ts';
import {
  IdParams,
  SessionList,
  SignInAnswer,
  SignInBody,
  SignUpAnswer,
  SignUpBody,
  SignUpInfo,
  TwoFactorVerifyBody,
} from './auth.schemas.ts';
import type { AuthDeps } from './auth-deps.ts';
import {
  clearSessionCookie,
  createSession,
  listSessions,
  revokeAllSessions,
  revokeSession,
  setSessionCookie,
} from './sessions.ts';
import {
  FIRST_ACCOUNT_ANSWER,
  NO_MAIL_SIGN_UP_ANSWER,
  noAccountsYet,
  SIGN_UP_ANSWER,
  signIn,
  signUp,
} from './sign-in.service.ts';
import { completeChallenge } from './two-factor.service.ts';
import { publicUser, type UserRow } from './users.repository.ts';

const tags = ['auth'];
const err = { $ref: 'ErrorResponse#' };

export async function authRoutes(app: FastifyInstance, deps: AuthDeps): Promise<void> {
  const { db, config } = deps;

  /** Ends any session the browser brought along and starts a fresh one (no session fixation). */
  async function startSession(req: FastifyRequest, reply: FastifyReply, user: UserRow) {
    if (req.sessionId && req.user) await revokeSession(db, req.user.id, req.sessionId);
    const session = await createSession(db, config, user.id, req);
    setSessionCookie(reply, config, session.token);
    await audit(db, { event: 'sign_in.success', userId: user.id, ip: req.ip });
    req.log.info({ event: 'sign_in.success', userId: user.id, ip: req.ip, at: new Date().toISOString() }, 'signed in');
    return { user: publicUser(user) };
  }

  app.get(
    '/api/auth/sign-up-info',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'What signing up will do here: is there a mail server, and is the next account the first',
        response: { 200: SignUpInfo },
      },
    },
    async () => ({ mailServer: !deps.mailer.keepsMail, firstAccount: await noAccountsYet(db) }),
  );

  app.post<{ Body: Static<typeof SignUpBody> }>(
    '/api/auth/sign-up',
    {
      config: { access: 'public', rateLimit: LIMITS.signUpIp },
      schema: {
        tags,
        summary:
          'Create an account (a learner); a verification link is mailed, or kept for the admin when there is no mail server. Same answer if the email is taken. Without a mail server the first account is the admin, ready at once (201).',
        body: SignUpBody,
        response: { 201: SignUpAnswer, 202: SignUpAnswer, 400: err, 429: err },
      },
    },
    async (req, reply) => {
      const outcome = await signUp(deps, req, { ...req.body, name: req.body.name.normalize('NFC').trim() });
      if (outcome === 'first-admin') return reply.status(201).send({ message: FIRST_ACCOUNT_ANSWER, next: 'sign-in' });
      if (outcome === 'ask-admin')
        return reply.status(202).send({ message: NO_MAIL_SIGN_UP_ANSWER, next: 'ask-admin' });
      return reply.status(202).send({ message: SIGN_UP_ANSWER, next: 'check-email' });
    },
  );

  app.post<{ Body: Static<typeof SignInBody> }>(
    '/api/auth/sign-in',
    {
      config: { access: 'public', rateLimit: LIMITS.signInIp },
      schema: {
        tags,
        summary: 'Sign in with email and password; sets the session cookie, or asks for a two-factor code',
        body: SignInBody,
        response: { 200: SignInAnswer, 401: err, 403: err, 429: err },
      },
    },
    async (req, reply) => {
      const result = await signIn(deps, req, req.body);
      if (result.kind === 'two-factor') return { twoFactorRequired: true as const, challenge: result.challenge };
      return startSession(req, reply, result.user);
    },
  );

  app.post<{ Body: Static<typeof TwoFactorVerifyBody> }>(
    '/api/auth/two-factor/verify',
    {
      config: { access: 'public', rateLimit: LIMITS.signInIp },
      schema: {
        tags,
        summary: 'Second sign-in step: the challenge plus a TOTP code or a recovery code',
        body: TwoFactorVerifyBody,
        response: { 200: SignInAnswer, 401: err, 429: err },
      },
    },
    async (req, reply) => {
      const { challenge, code, recoveryCode } = req.body;
      if (!code === !recoveryCode) throw new AppError('validation_failed', 'Send either a code or a recovery code.');
      const user = await completeChallenge(deps, req, challenge, { code, recoveryCode });
      return startSession(req, reply, user);
    },
  );

  app.post(
    '/api/auth/sign-out',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'End this session (server-side) and clear the cookie', response: { 204: {} } },
    },
    async (req, reply) => {
      if (req.user && req.sessionId) {
        await revokeSession(db, req.user.id, req.sessionId);
        await audit(db, { event: 'sign_out', userId: req.user.id, ip: req.ip });
      }
      clearSessionCookie(reply, config);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/sessions',
    {
      config: { access: 'user' },
      schema: { tags, summary: 'My active sessions', response: { 200: SessionList, 401: err } },
    },
    async (req) => {
      const sessions = await listSessions(db, config, req.user!.id);
      return { sessions: sessions.map((s) => ({ ...s, current: s.id === req.sessionId })) };
    },
  );

  app.delete<{ Params: { sessionId: string } }>(
    '/api/auth/sessions/:sessionId',
    {
      config: { access: 'user', sessionOnly: true },
      schema: {
        tags,
        summary: 'End one of my sessions',
        params: IdParams('sessionId'),
        response: { 204: {}, 401: err, 404: err },
      },
    },
    async (req, reply) => {
      if (!(await revokeSession(db, req.user!.id, req.params.sessionId))) {
        throw new AppError('not_found', 'No such session.');
      }
      await audit(db, { event: 'sessions.revoked', userId: req.user!.id, ip: req.ip, details: { count: 1 } });
      if (req.params.sessionId === req.sessionId) clearSessionCookie(reply, config);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/sign-out-everywhere',
    {
      config: { access: 'user', sessionOnly: true },
      schema: {
        tags,
        summary: 'End every session of mine, this one included',
        response: { 200: { type: 'object', properties: { revoked: { type: 'integer' } } }, 401: err },
      },
    },
    async (req, reply) => {
      const revoked = await revokeAllSessions(db, req.user!.id);
      await audit(db, { event: 'sessions.revoked', userId: req.user!.id, ip: req.ip, details: { count: revoked } });
      clearSessionCookie(reply, config);
      return { revoked };
    },
  );
}
