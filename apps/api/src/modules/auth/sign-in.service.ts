/**
 * Sign-up and sign-in. Both answer the same way and take similar time whether or not the email
 * has an account (a password hash is computed either way), and failed sign-ins lock the email —
 * known or unknown alike — for a while after five attempts, so neither reveals who has an account.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { LIMITS } from '../../plugins/rate-limit.ts';
import { audit } from '../admin/audit-log.ts';
import { type AuthDeps, appLink } from './auth-deps.ts';
import { checkPassword } from './password-policy.ts';
import { hashPassword, needsRehash, sha256, verifyPassword } from './secrets.ts';
import { issueToken } from './single-use-tokens.ts';
import { findUserByEmail, insertUser, type UserRow, updateUser } from './users.repository.ts';

const dummyHashes = new Map<number, Promise<string>>();
/** A real hash at the configured cost, so an unknown email costs the same scrypt work as a known one. */
const dummyHash = (cost: number) => {
  let h = dummyHashes.get(cost);
  if (!h) {
    h = hashPassword('not-a-real-password-just-for-timing', cost);
    dummyHashes.set(cost, h);
  }
  return h;
};

export const SIGN_UP_ANSWER =
  'If this email can be used, we have sent a link to it. Follow it to activate the account.';

export async function signUp(
  deps: AuthDeps,
  req: FastifyRequest,
  input: { email: string; password: string; name: string },
): Promise<void> {
  const { db, config, mailer } = deps;
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password, config.auth.passwordHashCost);
  const existing = await findUserByEmail(db, input.email);
  if (existing) {
    // Silently capped so repeated sign-ups cannot mail-bomb an owner; the answer stays the same.
    const hits = await deps.limiter.store.hit(`sign-up-notice:${sha256(existing.id)}`, 60 * 60_000);
    if (hits.count > 3) return;
    await mailer.send({
      to: existing.email,
      subject: 'Someone tried to create a Backpath account with your email',
      text: `Somebody (maybe you) tried to sign up with this address, which already has an account.\nIf it was you, sign in instead, or reset your password at ${config.publicUrl}/reset-password.`,
    });
    return;
  }
  const user = await insertUser(db, { email: input.email, name: input.name, passwordHash }).catch((err) => {
    // A concurrent sign-up with the same email: answer as if it were taken all along.
    if ((err as { code?: string }).code === '23505') return undefined;
    throw err;
  });
  if (!user) return;
  await audit(db, { event: 'sign_up', userId: user.id, ip: req.ip });
  await sendVerification(deps, user);
}

export async function sendVerification(deps: AuthDeps, user: Pick<UserRow, 'id' | 'email'>): Promise<void> {
  const token = await issueToken(deps.db, 'verify_email', user.id, { email: user.email });
  await deps.mailer.send({
    to: user.email,
    subject: 'Confirm your email for Backpath',
    text: `Confirm your email address by opening this link within 24 hours:\n${appLink(deps.config, '/verify-email', token)}\n\nVerification code: ${token}`,
  });
}

export type SignInResult = { kind: 'signed-in'; user: UserRow } | { kind: 'two-factor'; challenge: string };

const invalid = () => new AppError('unauthorized', 'The email or password is incorrect.');

export async function signIn(
  deps: AuthDeps,
  req: FastifyRequest,
  input: { email: string; password: string },
): Promise<SignInResult> {
  const { db, config, limiter } = deps;
  const account = input.email.toLowerCase();
  await limiter.consume(LIMITS.signInAccount, account);
  await limiter.check(LIMITS.signInFailures, account);
  const user = await findUserByEmail(db, input.email);
  // Unknown email (or a GitHub-only account): same scrypt work against a dummy hash, then refuse.
  const hash = user?.passwordHash ?? (await dummyHash(config.auth.passwordHashCost));
  const ok = (await verifyPassword(input.password, hash)) && Boolean(user?.passwordHash);
  if (!user || !ok) {
    await limiter.record(LIMITS.signInFailures, account);
    await audit(db, {
      event: 'sign_in.failure',
      userId: user?.id ?? null,
      ip: req.ip,
      details: { reason: 'password' },
    });
    req.log.warn(
      { event: 'sign_in.failure', userId: user?.id ?? null, ip: req.ip, at: new Date().toISOString() },
      'sign-in failed',
    );
    throw invalid();
  }
  await limiter.clear(LIMITS.signInFailures, account);
  if (user.passwordHash && needsRehash(user.passwordHash, config.auth.passwordHashCost)) {
    await updateUser(db, user.id, { passwordHash: await hashPassword(input.password, config.auth.passwordHashCost) });
  }
  if (!user.emailVerifiedAt) {
    await sendVerification(deps, user);
    throw new AppError('forbidden', 'Confirm your email address first: we have sent you a new link.', {
      reason: 'email_unverified',
    });
  }
  if (user.totpEnabledAt) {
    return { kind: 'two-factor', challenge: await issueToken(db, 'two_factor', user.id) };
  }
  return { kind: 'signed-in', user };
}
