/**
 * Flows that prove control of an email address with a single-use link: verification after
 * sign-up, confirming a new address, and password reset (which ends every session of the user).
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { LIMITS } from '../../plugins/rate-limit.ts';
import { audit } from '../admin/audit-log.ts';
import { type AuthDeps, appLink } from './auth-deps.ts';
import { checkPassword } from './password-policy.ts';
import { hashPassword } from './secrets.ts';
import { revokeAllSessions } from './sessions.ts';
import { consumeToken, issueToken, voidTokens } from './single-use-tokens.ts';
import { findUserByEmail, findUserById, updateUser } from './users.repository.ts';

const badLink = () => new AppError('bad_request', 'This link is invalid, expired or already used.');

/** Confirms a sign-up address or a requested email change, whichever the token is for. */
export async function verifyEmail(deps: AuthDeps, req: FastifyRequest, token: string): Promise<{ email: string }> {
  const { db } = deps;
  const signUp = await consumeToken(db, 'verify_email', token);
  if (signUp?.userId) {
    const user = await findUserById(db, signUp.userId);
    // A verification link for an address the account no longer has proves nothing.
    if (!user || user.email.toLowerCase() !== String(signUp.data.email).toLowerCase()) throw badLink();
    await updateUser(db, user.id, { emailVerified: true });
    await audit(db, { event: 'email.verified', userId: user.id, ip: req.ip });
    return { email: user.email };
  }
  const change = await consumeToken(db, 'change_email', token);
  if (!change?.userId) throw badLink();
  const email = String(change.data.email);
  const user = await findUserById(db, change.userId);
  if (!user) throw badLink();
  const taken = await findUserByEmail(db, email);
  if (taken && taken.id !== user.id) throw new AppError('conflict', 'That email address is already in use.');
  await updateUser(db, user.id, { email, emailVerified: true });
  await audit(db, { event: 'email.changed', userId: user.id, ip: req.ip });
  await deps.mailer.send({
    to: user.email,
    subject: 'Your Backpath email address was changed',
    text: `The email address of your Backpath account is now ${email}. If you did not do this, reset your password and contact an administrator.`,
  });
  return { email };
}

export const RESET_ANSWER = 'If an account uses this email, we have sent it a link to reset the password.';

/**
 * Same answer in the same time, known email or not; only a known one gets mail. Everything that
 * depends on the address (the lookup, the token, the outbox row) happens after the response, so
 * both kinds of request do identical work before answering: one rate-limit count.
 */
export async function requestReset(deps: AuthDeps, email: string, answered: Promise<unknown>): Promise<void> {
  await deps.limiter.consume(LIMITS.resetAccount, email);
  deps.mailer.sendLater('password-reset mail', answered, async () => {
    const user = await findUserByEmail(deps.db, email);
    if (!user) return undefined;
    const token = await issueToken(deps.db, 'reset_password', user.id);
    return {
      to: user.email,
      subject: 'Reset your Backpath password',
      text: `Someone asked to reset the password of your Backpath account. To choose a new one, open this link within an hour:\n${appLink(deps.config, '/reset-password', token)}\n\nReset code: ${token}\n\nIf it was not you, ignore this message.`,
    };
  });
}

export async function confirmReset(
  deps: AuthDeps,
  req: FastifyRequest,
  token: string,
  password: string,
): Promise<void> {
  checkPassword(password);
  const { db, config } = deps;
  const passwordHash = await hashPassword(password, config.auth.passwordHashCost);
  const used = await consumeToken(db, 'reset_password', token);
  if (!used?.userId) throw badLink();
  await db.transaction(async (tx) => {
    // Following the link proves control of the address, so it also counts as verification.
    await updateUser(tx, used.userId!, { passwordHash, emailVerified: true });
    await voidTokens(tx, used.userId!, 'reset_password');
    await revokeAllSessions(tx, used.userId!);
    await audit(tx, { event: 'password.reset', userId: used.userId, ip: req.ip });
  });
  await deps.limiter.clear(LIMITS.signInFailures, (await findUserById(db, used.userId))?.email ?? '');
}

export async function requestEmailChange(deps: AuthDeps, userId: string, newEmail: string): Promise<void> {
  const token = await issueToken(deps.db, 'change_email', userId, { email: newEmail });
  await deps.mailer.send({
    to: newEmail,
    subject: 'Confirm your new email for Backpath',
    text: `Confirm this address for your Backpath account by opening this link within 24 hours:\n${appLink(deps.config, '/verify-email', token)}\n\nVerification code: ${token}`,
  });
}
