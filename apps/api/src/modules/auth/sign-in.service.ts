/**
 * Sign-up and sign-in. Both answer the same way and take similar time whether or not the email
 * has an account (a password hash is computed either way), and failed sign-ins lock the email —
 * known or unknown alike — for a while after five attempts, so neither reveals who has an account.
 *
 * With no mail server (SMTP_URL unset) the very first account becomes the admin, verified at once,
 * so a fresh instance is never a dead end; later accounts still confirm their address, with the
 * link an admin reads on the Outbox page or in the server log (ADR 011).
 */
import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../../db/client.ts';
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
export const NO_MAIL_SIGN_UP_ANSWER =
  'This Backpath has no mail server, so nothing was emailed: ask its admin for your confirmation link (admins find it on the Outbox page). If this email can be used, the link is waiting there.';
export const FIRST_ACCOUNT_ANSWER =
  'You are the first account on this Backpath: you are its admin, and your account is ready. Sign in now.';
export const NO_MAIL_HINT =
  'This Backpath has no mail server: ask its admin for your confirmation link (admins find it on the Outbox page).';

/** What a sign-up leads to: signing in at once (the first account without mail), or a link to follow. */
export type SignUpOutcome = 'first-admin' | 'check-email' | 'ask-admin';

/** True while no account exists (the next sign-up without a mail server becomes the admin). */
export async function noAccountsYet(db: Queryable): Promise<boolean> {
  const [row] = await db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM users) AS any');
  return !row?.any;
}

/**
 * Creates the first account as a verified admin if there is still no account, under a lock so two
 * simultaneous first sign-ups cannot both become admin. Undefined when someone else was first.
 */
async function createFirstAdmin(
  deps: AuthDeps,
  input: { email: string; name: string },
  passwordHash: string,
): Promise<UserRow | undefined> {
  if (!(await noAccountsYet(deps.db))) return undefined;
  return deps.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [FIRST_ACCOUNT_LOCK]);
    if (!(await noAccountsYet(tx))) return undefined;
    return insertUser(tx, { ...input, passwordHash, role: 'admin', emailVerified: true });
  });
}
const FIRST_ACCOUNT_LOCK = 0x6261636b; // "back"

export async function signUp(
  deps: AuthDeps,
  req: FastifyRequest,
  input: { email: string; password: string; name: string },
): Promise<SignUpOutcome> {
  const { db, config, mailer } = deps;
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password, config.auth.passwordHashCost);
  if (mailer.keepsMail) {
    const admin = await createFirstAdmin(deps, input, passwordHash);
    if (admin) {
      await audit(db, { event: 'sign_up', userId: admin.id, ip: req.ip, details: { firstAccount: true } });
      req.log.info(
        { event: 'sign_up.first_admin', userId: admin.id, at: new Date().toISOString() },
        `no mail server and no account yet: ${admin.email} is the first account and the admin`,
      );
      return 'first-admin';
    }
  }
  const outcome = mailer.keepsMail ? 'ask-admin' : 'check-email';
  const existing = await findUserByEmail(db, input.email);
  if (existing) {
    // Silently capped so repeated sign-ups cannot mail-bomb an owner; the answer stays the same.
    const hits = await deps.limiter.store.hit(`sign-up-notice:${sha256(existing.id)}`, 60 * 60_000);
    if (hits.count > 3) return outcome;
    await mailer.send({
      to: existing.email,
      subject: 'Someone tried to create a Backpath account with your email',
      text: `Somebody (maybe you) tried to sign up with this address, which already has an account.\nIf it was you, sign in instead, or reset your password at ${config.publicUrl}/reset-password.`,
    });
    return outcome;
  }
  const user = await insertUser(db, { email: input.email, name: input.name, passwordHash }).catch((err) => {
    // A concurrent sign-up with the same email: answer as if it were taken all along.
    if ((err as { code?: string }).code === '23505') return undefined;
    throw err;
  });
  if (!user) return outcome;
  await audit(db, { event: 'sign_up', userId: user.id, ip: req.ip });
  await sendVerification(deps, user);
  return outcome;
}

export async function sendVerification(deps: AuthDeps, user: Pick<UserRow, 'id' | 'email'>): Promise<void> {
  const token = await issueToken(deps.db, 'verify_email', user.id, { email: user.email });
  const link = appLink(deps.config, '/verify-email', token);
  await deps.mailer.send({
    to: user.email,
    subject: 'Confirm your email for Backpath',
    text: `Confirm your email address by opening this link within 24 hours:\n${link}\n\nVerification code: ${token}`,
    // Only proves an address to an account whose password the reader does not know: safe to log.
    loggableLink: link,
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
    const message = deps.mailer.keepsMail
      ? `Confirm your email address first. ${NO_MAIL_HINT}`
      : 'Confirm your email address first: we have sent you a new link.';
    throw new AppError('forbidden', message, {
      reason: 'email_unverified',
      mailServer: !deps.mailer.keepsMail,
    });
  }
  if (user.totpEnabledAt) {
    return { kind: 'two-factor', challenge: await issueToken(db, 'two_factor', user.id) };
  }
  return { kind: 'signed-in', user };
}
