/**
 * A fresh instance with no mail server (ADR 011): the first account is the admin and signs in at
 * once; later accounts confirm their address with a link the admin reads on the Outbox page (or in
 * the server log); every page-facing answer says so. With a mail server nothing of this applies.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithRole, signUp } from '../../test/auth-helpers.ts';
import type { TestApp } from '../../test/build-test-app.ts';
import { testBackends } from '../../test/test-database.ts';
import { readOutbox } from '../mail/mailer.ts';
import { buildAuthApp, freshEmail, freshIp, mailSettled, PASSWORD, post } from './auth-test-kit.ts';

const logLines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    logLines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});

describe.each(testBackends())('first run without a mail server on $backend', ({ backend, skip }) => {
  let t: TestApp;
  const admin = { email: 'owner@example.test', name: 'Olga Owner' };
  const second = { email: freshEmail('second'), name: 'Sam Second' };
  let adminCookie = '';
  beforeAll(async () => {
    if (!skip) t = await buildAuthApp(backend, { firstRun: true, logger: { level: 'info', stream: sink } });
  });
  afterAll(() => t?.close());
  const info = async () => (await t.app.inject({ url: '/api/auth/sign-up-info' })).json();
  const signIn = (email: string, password = PASSWORD) => post(t, '/api/auth/sign-in', { email, password });
  const outbox = (cookie: string | undefined, query = '') =>
    t.app.inject({
      url: `/api/admin/mail-outbox${query}`,
      headers: cookie ? { cookie } : {},
      remoteAddress: freshIp(),
    });

  it.skipIf(skip)('makes the first account the admin, verified, and lets it sign in at once', async () => {
    expect(await info()).toEqual({ mailServer: false, firstAccount: true });
    const up = await post(t, '/api/auth/sign-up', { ...admin, password: PASSWORD });
    expect(up.statusCode).toBe(201);
    expect(up.json()).toEqual({
      next: 'sign-in',
      message: 'You are the first account on this Backpath: you are its admin, and your account is ready. Sign in now.',
    });
    const res = await signIn(admin.email);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ email: admin.email, name: admin.name, role: 'admin' });
    adminCookie = String([res.headers['set-cookie']].flat()[0]).split(';')[0]!;
    expect(await readOutbox(t.db, { to: admin.email })).toEqual([]);
    expect(await info()).toEqual({ mailServer: false, firstAccount: false });
    const [audit] = await t.db.query<{ details: unknown }>(
      `SELECT details FROM audit_log WHERE event = 'sign_up' AND user_id = $1`,
      [res.json().user.id],
    );
    expect(JSON.stringify(audit!.details)).toContain('firstAccount');
  });

  it.skipIf(skip)(
    'keeps a later account unverified, says to ask the admin, and logs and lists its link for the admin',
    async () => {
      const up = await post(t, '/api/auth/sign-up', { ...second, password: PASSWORD });
      expect(up.statusCode).toBe(202);
      expect(up.json().next).toBe('ask-admin');
      expect(up.json().message).toContain('This Backpath has no mail server');
      expect(up.json().message).toContain('ask its admin for your confirmation link');

      const refused = await signIn(second.email);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.message).toBe(
        'Confirm your email address first. This Backpath has no mail server: ask its admin for your confirmation link (admins find it on the Outbox page).',
      );
      expect(refused.json().error.details).toEqual({ reason: 'email_unverified', mailServer: false });

      const listed = await outbox(adminCookie, `?to=${encodeURIComponent(second.email)}`);
      expect(listed.statusCode).toBe(200);
      expect(listed.json().mailServer).toBe(false);
      const [latest] = listed.json().messages;
      expect(latest).toMatchObject({
        to: second.email,
        subject: 'Confirm your email for Backpath',
        transport: 'outbox',
      });
      const link = /(http:\/\/\S+#token=(\S+))/.exec(latest.body);
      expect(link).not.toBeNull();
      // The same link is in the server log, the operator's other way to find it.
      const logged = logLines.map((l) => JSON.parse(l)).find((r) => r.link === link![1]);
      expect(logged).toMatchObject({ to: second.email });
      expect(logged.msg).toContain(`the confirmation link for ${second.email} is ${link![1]}`);

      expect((await post(t, '/api/auth/verify-email', { token: decodeURIComponent(link![2]!) })).statusCode).toBe(200);
      const res = await signIn(second.email);
      expect(res.statusCode).toBe(200);
      expect(res.json().user.role).toBe('learner');
    },
  );

  it.skipIf(skip)('answers a taken email exactly like a new one', async () => {
    const taken = await post(t, '/api/auth/sign-up', { ...second, password: 'Other-Passphrase-123' });
    const fresh = await post(t, '/api/auth/sign-up', { email: freshEmail(), name: 'New', password: PASSWORD });
    expect(taken.statusCode).toBe(202);
    expect(fresh.statusCode).toBe(202);
    expect(taken.body).toBe(fresh.body);
  });

  it.skipIf(skip)('tells a password-reset request to ask the admin, and never logs the reset link', async () => {
    const res = await post(t, '/api/auth/password-reset/request', { email: second.email });
    expect(res.statusCode).toBe(202);
    expect(res.json().message).toContain('This Backpath has no mail server');
    await mailSettled(t);
    const [reset] = await readOutbox(t.db, { to: second.email });
    expect(reset!.subject).toBe('Reset your Backpath password');
    const token = /Reset code: (\S+)/.exec(reset!.body)![1]!;
    expect(logLines.join('\n')).not.toContain(token);
  });

  it.skipIf(skip)('shows the outbox to admins only, and audits each reading', async () => {
    const learner = await signUp(t.app);
    const mentor = await createUserWithRole(t.app, t.db, 'mentor');
    expect((await outbox(undefined)).statusCode).toBe(401);
    expect((await outbox(learner.cookie)).statusCode).toBe(403);
    expect((await outbox(mentor.cookie)).statusCode).toBe(403);
    const res = await outbox(adminCookie, '?limit=2');
    expect(res.statusCode).toBe(200);
    expect(res.json().messages).toHaveLength(2);
    expect((await outbox(adminCookie, '?to=not-an-email')).statusCode).toBe(400);
    const reads = await t.db.query(`SELECT 1 FROM audit_log WHERE event = 'mail_outbox.read'`);
    expect(reads.length).toBeGreaterThanOrEqual(2);
  });
});

describe.each(testBackends())('the first account on $backend', ({ backend, skip }) => {
  it.skipIf(skip)('is made admin once, even when two people sign up at the same moment', async () => {
    const t = await buildAuthApp(backend, { firstRun: true });
    try {
      const [a, b] = await Promise.all(
        ['a', 'b'].map((p) =>
          post(t, '/api/auth/sign-up', { email: freshEmail(p), name: `Racer ${p}`, password: PASSWORD }),
        ),
      );
      expect([a!.statusCode, b!.statusCode].sort()).toEqual([201, 202]);
      const roles = await t.db.query<{ role: string; verified: boolean }>(
        'SELECT role, email_verified_at IS NOT NULL AS verified FROM users ORDER BY role',
      );
      expect(roles).toEqual([
        { role: 'admin', verified: true },
        { role: 'learner', verified: false },
      ]);
    } finally {
      await t.close();
    }
  });

  it.skipIf(skip)('is an ordinary learner who confirms by mail when a mail server is configured', async () => {
    // Port 9 (discard) refuses: the mail fails, but the sign-up path is the one with a mail server.
    const t = await buildAuthApp(backend, { firstRun: true, env: { SMTP_URL: 'smtp://127.0.0.1:9' } });
    try {
      expect((await t.app.inject({ url: '/api/auth/sign-up-info' })).json()).toEqual({
        mailServer: true,
        firstAccount: true,
      });
      const email = freshEmail();
      const up = await post(t, '/api/auth/sign-up', { email, name: 'Mailed', password: PASSWORD });
      expect(up.statusCode).toBe(202);
      expect(up.json()).toEqual({
        next: 'check-email',
        message: 'If this email can be used, we have sent a link to it. Follow it to activate the account.',
      });
      const refused = await post(t, '/api/auth/sign-in', { email, password: PASSWORD });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.message).toBe('Confirm your email address first: we have sent you a new link.');
      const [row] = await t.db.query<{ role: string }>('SELECT role FROM users WHERE email = $1', [email]);
      expect(row!.role).toBe('learner');
    } finally {
      await t.close();
    }
  });
});
