/**
 * The security audit log: who did what to which account, from where, when. Written by the auth
 * modules, read by admins through `/api/admin/audit-log` and by each user in their data export.
 */
import type { Database, Queryable } from '../../db/client.ts';

export type AuditEvent =
  | 'sign_up'
  | 'sign_in.success'
  | 'sign_in.failure'
  | 'sign_out'
  | 'sessions.revoked'
  | 'email.verified'
  | 'email.changed'
  | 'password.changed'
  | 'password.reset'
  | 'token.created'
  | 'token.revoked'
  | 'two_factor.enabled'
  | 'two_factor.disabled'
  | 'two_factor.failure'
  | 'role.changed'
  | 'device.approved'
  | 'account.deleted'
  | 'admin.created'
  | 'mail_outbox.read';

export interface AuditEntry {
  id: number;
  at: string;
  event: string;
  userId: string | null;
  actorId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

export interface AuditInput {
  event: AuditEvent;
  userId?: string | null;
  actorId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export async function audit(db: Queryable, e: AuditInput): Promise<void> {
  await db.query('INSERT INTO audit_log (event, user_id, actor_id, ip, details) VALUES ($1, $2, $3, $4, $5)', [
    e.event,
    e.userId ?? null,
    e.actorId ?? e.userId ?? null,
    e.ip ?? null,
    JSON.stringify(e.details ?? {}),
  ]);
}

export async function listAudit(
  db: Database,
  q: { userId?: string; event?: string; before?: number; limit?: number },
): Promise<AuditEntry[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id, at, event, user_id, actor_id, ip, details FROM audit_log
     WHERE ($1::text IS NULL OR user_id = $1) AND ($2::text IS NULL OR event = $2) AND ($3::bigint IS NULL OR id < $3)
     ORDER BY id DESC LIMIT $4`,
    [q.userId ?? null, q.event ?? null, q.before ?? null, q.limit ?? 100],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    at: new Date(r.at as string).toISOString(),
    event: String(r.event),
    userId: (r.user_id as string | null) ?? null,
    actorId: (r.actor_id as string | null) ?? null,
    ip: (r.ip as string | null) ?? null,
    details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>,
  }));
}
