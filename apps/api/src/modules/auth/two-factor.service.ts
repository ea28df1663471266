/**
 * Optional TOTP two-factor authentication (RFC 6238 via otplib) with ten single-use recovery codes.
 * A code is accepted once: the matched time step is stored and later codes must be newer, so a
 * shoulder-surfed or intercepted code cannot be replayed inside its 30-second window.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { generateSecret, generateURI, verifySync } from 'otplib/functional';
import type { Queryable } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { LIMITS } from '../../plugins/rate-limit.ts';
import { audit } from '../admin/audit-log.ts';
import type { AuthDeps } from './auth-deps.ts';
import { sha256 } from './secrets.ts';
import { consumeToken, peekToken } from './single-use-tokens.ts';
import { findUserById, type UserRow, updateUser } from './users.repository.ts';

/** Checks a code for the user and records its time step; false for a wrong or reused code. */
export async function acceptTotp(db: Queryable, user: UserRow, code: string): Promise<boolean> {
  if (!user.totpSecret || !/^\d{6}$/.test(code)) return false;
  const result = verifySync({
    secret: user.totpSecret,
    token: code,
    epochTolerance: 30,
    ...(user.totpLastStep !== null ? { afterTimeStep: user.totpLastStep } : {}),
  });
  if (!result.valid || !('timeStep' in result)) return false;
  // Conditional update: of two concurrent requests with the same code, only one moves the step.
  const rows = await db.query(
    'UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id',
    [user.id, result.timeStep],
  );
  return rows.length > 0;
}

async function useRecoveryCode(db: Queryable, userId: string, code: string): Promise<boolean> {
  const rows = await db.query(
    'UPDATE recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING user_id',
    [userId, sha256(normaliseRecovery(code))],
  );
  return rows.length > 0;
}

const normaliseRecovery = (code: string) => code.replace(/[\s-]/g, '').toLowerCase();

export async function beginSetup(deps: AuthDeps, user: UserRow): Promise<{ secret: string; otpauthUri: string }> {
  if (user.totpEnabledAt) throw new AppError('conflict', 'Two-factor authentication is already on.');
  const secret = generateSecret();
  await updateUser(deps.db, user.id, { totpSecret: secret, totpLastStep: null });
  return { secret, otpauthUri: generateURI({ issuer: 'Backpath', label: user.email, secret }) };
}

export async function enable(deps: AuthDeps, req: FastifyRequest, user: UserRow, code: string): Promise<string[]> {
  if (user.totpEnabledAt) throw new AppError('conflict', 'Two-factor authentication is already on.');
  if (!user.totpSecret) throw new AppError('conflict', 'Start the set-up first.');
  if (!(await acceptTotp(deps.db, user, code))) throw new AppError('unauthorized', 'The code is not valid.');
  const codes = Array.from({ length: 10 }, () => randomBytes(5).toString('hex'));
  await deps.db.transaction(async (tx) => {
    await tx.query('DELETE FROM recovery_codes WHERE user_id = $1', [user.id]);
    for (const c of codes) {
      await tx.query('INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)', [user.id, sha256(c)]);
    }
    await updateUser(tx, user.id, { totpEnabled: true });
    await audit(tx, { event: 'two_factor.enabled', userId: user.id, ip: req.ip });
  });
  return codes.map((c) => `${c.slice(0, 5)}-${c.slice(5)}`);
}

export async function disable(deps: AuthDeps, req: FastifyRequest, user: UserRow, code: string): Promise<void> {
  if (!user.totpEnabledAt) throw new AppError('conflict', 'Two-factor authentication is off.');
  if (!(await acceptTotp(deps.db, user, code)) && !(await useRecoveryCode(deps.db, user.id, code))) {
    throw new AppError('unauthorized', 'The code is not valid.');
  }
  await deps.db.transaction(async (tx) => {
    await tx.query('DELETE FROM recovery_codes WHERE user_id = $1', [user.id]);
    await updateUser(tx, user.id, { totpEnabled: false, totpSecret: null, totpLastStep: null });
    await audit(tx, { event: 'two_factor.disabled', userId: user.id, ip: req.ip });
  });
}

/** Second step of a sign-in: the challenge from step one plus a TOTP or recovery code. */
export async function completeChallenge(
  deps: AuthDeps,
  req: FastifyRequest,
  challenge: string,
  input: { code?: string | undefined; recoveryCode?: string | undefined },
): Promise<UserRow> {
  const pending = await peekToken(deps.db, 'two_factor', challenge);
  const user = pending?.userId ? await findUserById(deps.db, pending.userId) : undefined;
  if (!user) throw new AppError('unauthorized', 'The sign-in attempt expired; start again.');
  await deps.limiter.consume(LIMITS.twoFactorAccount, user.id);
  const ok = input.code
    ? await acceptTotp(deps.db, user, input.code)
    : input.recoveryCode
      ? await useRecoveryCode(deps.db, user.id, input.recoveryCode)
      : false;
  if (!ok) {
    await audit(deps.db, { event: 'two_factor.failure', userId: user.id, ip: req.ip });
    req.log.warn(
      { event: 'sign_in.failure', userId: user.id, ip: req.ip, at: new Date().toISOString(), reason: 'two_factor' },
      'two-factor code refused',
    );
    throw new AppError('unauthorized', 'The code is not valid.');
  }
  if (!(await consumeToken(deps.db, 'two_factor', challenge))) {
    throw new AppError('unauthorized', 'The sign-in attempt expired; start again.');
  }
  return user;
}
