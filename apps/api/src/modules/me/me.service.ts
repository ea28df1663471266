/**
 * Account self-service: rename, change email (re-verified at the new address), change password
 * (needs the current one; ends my other sessions), delete the account (cascades to everything
 * that references it) and export my data.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { LIMITS } from '../../plugins/rate-limit.ts';
import { audit, listAudit } from '../admin/audit-log.ts';
import type { AuthDeps } from '../auth/auth-deps.ts';
import { requestEmailChange } from '../auth/email-tokens.service.ts';
import { checkPassword } from '../auth/password-policy.ts';
import { hashPassword, verifyPassword } from '../auth/secrets.ts';
import { listSessions, revokeAllSessions } from '../auth/sessions.ts';
import { findUserByEmail, findUserById, type UserRow, updateUser } from '../auth/users.repository.ts';
import { exportLearning } from '../learning-export/learning-export.service.ts';
import { listTokens } from '../tokens/tokens.repository.ts';
import { meView } from './me.schemas.ts';

export async function currentUser(deps: AuthDeps, req: FastifyRequest): Promise<UserRow> {
  const user = await findUserById(deps.db, req.user!.id);
  if (!user) throw new AppError('unauthorized', 'Sign in to do this.');
  return user;
}

/** Re-authentication for sensitive changes; wrong guesses count towards the sign-in lock-out. */
export async function confirmPassword(deps: AuthDeps, user: UserRow, password: string | undefined): Promise<void> {
  const key = user.email.toLowerCase();
  await deps.limiter.check(LIMITS.signInFailures, key);
  if (!user.passwordHash || password === undefined || !(await verifyPassword(password, user.passwordHash))) {
    await deps.limiter.record(LIMITS.signInFailures, key);
    throw new AppError('forbidden', 'The current password is incorrect.', { reason: 'reauthentication' });
  }
}

export async function changeEmail(deps: AuthDeps, req: FastifyRequest, email: string, password: string) {
  const user = await currentUser(deps, req);
  await confirmPassword(deps, user, password);
  if (email.toLowerCase() === user.email.toLowerCase()) throw new AppError('conflict', 'That is already your email.');
  // Only the new address learns whether it is free: the mail there either confirms or says it is taken.
  if (await findUserByEmail(deps.db, email)) {
    await deps.mailer.send({
      to: email,
      subject: 'Backpath: an email change was refused',
      text: 'Someone asked to move a Backpath account to this address, which already has an account. Nothing changed.',
    });
    return;
  }
  await requestEmailChange(deps, user.id, email);
}

export async function changePassword(deps: AuthDeps, req: FastifyRequest, current: string, next: string) {
  const user = await currentUser(deps, req);
  await confirmPassword(deps, user, current);
  checkPassword(next, 'newPassword');
  const passwordHash = await hashPassword(next, deps.config.auth.passwordHashCost);
  await deps.db.transaction(async (tx) => {
    await updateUser(tx, user.id, { passwordHash });
    await revokeAllSessions(tx, user.id, req.sessionId ?? undefined);
    await audit(tx, { event: 'password.changed', userId: user.id, ip: req.ip });
  });
  await deps.mailer.send({
    to: user.email,
    subject: 'Your Backpath password was changed',
    text: 'The password of your Backpath account was just changed. If this was not you, reset it now.',
  });
}

export async function deleteAccount(
  deps: AuthDeps,
  req: FastifyRequest,
  body: { password?: string; confirmEmail?: string },
) {
  const user = await currentUser(deps, req);
  if (user.passwordHash) await confirmPassword(deps, user, body.password);
  else if (body.confirmEmail?.toLowerCase() !== user.email.toLowerCase()) {
    throw new AppError('forbidden', 'Type your email address to confirm.', { reason: 'reauthentication' });
  }
  await deps.db.transaction(async (tx) => {
    // The audit trail outlives the account but keeps no personal data: ids go NULL via the FK, IPs are erased.
    await tx.query('UPDATE audit_log SET ip = NULL WHERE user_id = $1 OR actor_id = $1', [user.id]);
    await tx.query('DELETE FROM mail_outbox WHERE lower(to_address) = lower($1)', [user.email]);
    await tx.query('DELETE FROM users WHERE id = $1', [user.id]);
    await audit(tx, { event: 'account.deleted', userId: null, actorId: null, details: {} });
  });
}

export async function exportData(deps: AuthDeps, req: FastifyRequest) {
  const user = await currentUser(deps, req);
  const { db, config } = deps;
  const oauth = await db.query<{ provider: string; provider_user_id: string; created_at: string }>(
    'SELECT provider, provider_user_id, created_at FROM oauth_accounts WHERE user_id = $1',
    [user.id],
  );
  return {
    exportedAt: new Date().toISOString(),
    account: {
      ...meView(user),
      emailVerifiedAt: user.emailVerifiedAt?.toISOString() ?? null,
      createdAt: user.createdAt.toISOString(),
    },
    sessions: await listSessions(db, config, user.id),
    tokens: await listTokens(db, user.id),
    linkedAccounts: oauth.map((o) => ({
      provider: o.provider,
      providerUserId: o.provider_user_id,
      createdAt: new Date(o.created_at).toISOString(),
    })),
    securityEvents: await listAudit(db, { userId: user.id, limit: 1000 }),
    // What you learned here, as the importable document (POST it to /api/me/learning-import elsewhere).
    learning: await exportLearning(db, deps.contentVersion, user.id, config.publicUrl),
  };
}
