/** Administration: read the security audit log, list accounts, change an account's role. Admins only. */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../errors.ts';
import { IdParams, Role } from '../auth/auth.schemas.ts';
import type { AuthDeps } from '../auth/auth-deps.ts';
import { findUserById, type Role as RoleName, updateUser } from '../auth/users.repository.ts';
import { audit, listAudit } from './audit-log.ts';

const tags = ['admin'];
const err = { $ref: 'ErrorResponse#' };
const admin = { roles: ['admin' as const] };

const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  event: Type.String(),
  userId: Type.Union([Type.String(), Type.Null()]),
  actorId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
});
const AuditQuery = Type.Object({
  userId: Type.Optional(Type.String({ pattern: '^[0-9a-f-]{36}$' })),
  event: Type.Optional(Type.String({ pattern: '^[a-z_.]{1,40}$' })),
  before: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
});

export async function adminRoutes(app: FastifyInstance, deps: AuthDeps): Promise<void> {
  const { db } = deps;

  app.get<{ Querystring: { userId?: string; event?: string; before?: number; limit?: number } }>(
    '/api/admin/audit-log',
    {
      config: { access: admin },
      schema: {
        tags,
        summary: 'Security events, newest first (filter by user or event; page with `before`)',
        querystring: AuditQuery,
        response: { 200: Type.Object({ entries: Type.Array(AuditEntry) }), 401: err, 403: err },
      },
    },
    async (req) => ({ entries: await listAudit(db, req.query) }),
  );

  app.get<{ Querystring: { limit?: number; offset?: number } }>(
    '/api/admin/users',
    {
      config: { access: admin },
      schema: {
        tags,
        summary: 'Accounts, oldest first',
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
        }),
        response: {
          200: Type.Object({
            users: Type.Array(
              Type.Object({
                id: Type.String(),
                email: Type.String(),
                name: Type.String(),
                role: Role,
                createdAt: Type.String(),
              }),
            ),
          }),
          401: err,
          403: err,
        },
      },
    },
    async (req) => {
      const rows = await db.query<{ id: string; email: string; name: string; role: RoleName; created_at: string }>(
        'SELECT id, email, name, role, created_at FROM users ORDER BY created_at, id LIMIT $1 OFFSET $2',
        [req.query.limit ?? 100, req.query.offset ?? 0],
      );
      return { users: rows.map((r) => ({ ...r, createdAt: new Date(r.created_at).toISOString() })) };
    },
  );

  app.put<{ Params: { userId: string }; Body: { role: RoleName } }>(
    '/api/admin/users/:userId/role',
    {
      config: { access: admin, sessionOnly: true },
      schema: {
        tags,
        summary: "Set an account's role",
        params: IdParams('userId'),
        body: Type.Object({ role: Role }),
        response: {
          200: Type.Object({ id: Type.String(), role: Role }),
          400: err,
          401: err,
          403: err,
          404: err,
          409: err,
        },
      },
    },
    async (req) => {
      const target = await findUserById(db, req.params.userId);
      if (!target) throw new AppError('not_found', 'No such account.');
      if (target.id === req.user!.id && req.body.role !== 'admin') {
        // An instance must never lose its last way in by accident.
        const [{ n }] = (await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM users WHERE role = 'admin'`,
        )) as [{ n: number }];
        if (n <= 1) throw new AppError('conflict', 'You are the only admin; make someone else admin first.');
      }
      await updateUser(db, target.id, { role: req.body.role });
      await audit(db, {
        event: 'role.changed',
        userId: target.id,
        actorId: req.user!.id,
        ip: req.ip,
        details: { from: target.role, to: req.body.role },
      });
      return { id: target.id, role: req.body.role };
    },
  );
}
