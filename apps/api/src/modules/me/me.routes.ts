/** `/api/me`: who am I, rename, change email or password, delete my account, export my data. */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Email, Message, Name, Password, PublicUser } from '../auth/auth.schemas.ts';
import type { AuthDeps } from '../auth/auth-deps.ts';
import { clearSessionCookie } from '../auth/sessions.ts';
import { publicUser, updateUser } from '../auth/users.repository.ts';
import { MeUser, meView } from './me.schemas.ts';
import { changeEmail, changePassword, currentUser, deleteAccount, exportData } from './me.service.ts';

const tags = ['me'];
const err = { $ref: 'ErrorResponse#' };

export async function meRoutes(app: FastifyInstance, deps: AuthDeps): Promise<void> {
  app.get(
    '/api/me',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'The signed-in account, and whether two-factor sign-in is on',
        response: { 200: MeUser, 401: err },
      },
    },
    async (req) => meView(await currentUser(deps, req)),
  );

  app.patch<{ Body: { name: string } }>(
    '/api/me',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Change my display name (the only field a profile update may set)',
        body: Type.Object({ name: Name }),
        response: { 200: PublicUser, 400: err, 401: err },
      },
    },
    async (req) => {
      await updateUser(deps.db, req.user!.id, { name: req.body.name.normalize('NFC').trim() });
      return publicUser(await currentUser(deps, req));
    },
  );

  app.post<{ Body: { email: string; password: string } }>(
    '/api/me/email',
    {
      config: { access: 'user', sessionOnly: true },
      schema: {
        tags,
        summary: 'Change my email: a confirmation link goes to the new address; nothing changes until it is used',
        body: Type.Object({ email: Email, password: Password }),
        response: { 202: Message, 400: err, 401: err, 403: err },
      },
    },
    async (req, reply) => {
      await changeEmail(deps, req, req.body.email, req.body.password);
      return reply.status(202).send({ message: 'Follow the link we sent to the new address to confirm it.' });
    },
  );

  app.post<{ Body: { currentPassword: string; newPassword: string } }>(
    '/api/me/password',
    {
      config: { access: 'user', sessionOnly: true },
      schema: {
        tags,
        summary: 'Change my password (needs the current one); ends my other sessions',
        body: Type.Object({ currentPassword: Password, newPassword: Password }),
        response: { 204: {}, 400: err, 401: err, 403: err },
      },
    },
    async (req, reply) => {
      await changePassword(deps, req, req.body.currentPassword, req.body.newPassword);
      return reply.status(204).send();
    },
  );

  app.delete<{ Body: { password?: string; confirmEmail?: string } }>(
    '/api/me',
    {
      config: { access: 'user', sessionOnly: true },
      schema: {
        tags,
        summary: 'Delete my account and everything attached to it (needs my password)',
        body: Type.Object({ password: Type.Optional(Password), confirmEmail: Type.Optional(Email) }),
        response: { 204: {}, 400: err, 401: err, 403: err },
      },
    },
    async (req, reply) => {
      await deleteAccount(deps, req, req.body ?? {});
      clearSessionCookie(reply, deps.config);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/me/export',
    {
      config: { access: 'user' },
      schema: { tags, summary: 'All data held about me, as JSON', response: { 401: err } },
    },
    async (req, reply) => {
      reply.header('content-disposition', 'attachment; filename="backpath-export.json"');
      reply.header('cache-control', 'no-store');
      return exportData(deps, req);
    },
  );
}
