/**
 * Creates the first admin (or promotes an existing account) without ever setting a password: the
 * account gets a single-use password-reset link, printed for the operator and mailed.
 */
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { audit } from '../modules/admin/audit-log.ts';
import { appLink } from '../modules/auth/auth-deps.ts';
import { issueToken } from '../modules/auth/single-use-tokens.ts';
import { findUserByEmail, insertUser, updateUser } from '../modules/auth/users.repository.ts';
import { Mailer } from '../modules/mail/mailer.ts';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{2,63}$/;

export async function createAdmin(
  db: Database,
  config: Config,
  input: { email: string; name?: string },
): Promise<{ userId: string; created: boolean; link: string }> {
  if (!EMAIL.test(input.email)) throw new Error(`"${input.email}" is not an email address`);
  const existing = await findUserByEmail(db, input.email);
  const user =
    existing ??
    (await insertUser(db, {
      email: input.email,
      name: input.name ?? 'Administrator',
      passwordHash: null,
      role: 'admin',
      emailVerified: true,
    }));
  if (existing && existing.role !== 'admin') {
    await updateUser(db, existing.id, { role: 'admin' });
    await audit(db, {
      event: 'role.changed',
      userId: existing.id,
      details: { from: existing.role, to: 'admin', via: 'cli' },
    });
  }
  if (!existing) await audit(db, { event: 'admin.created', userId: user.id, details: { via: 'cli' } });
  const token = await issueToken(db, 'reset_password', user.id);
  const link = appLink(config, '/reset-password', token);
  await new Mailer({ db, from: config.mailFrom, smtpUrl: config.smtpUrl }).send({
    to: user.email,
    subject: 'You are a Backpath administrator',
    text: `An administrator account was set up for this address. Choose its password within an hour:\n${link}\n\nReset code: ${token}`,
  });
  return { userId: user.id, created: !existing, link };
}
