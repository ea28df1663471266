import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin } from '../../cli/create-admin.ts';
import { createUserWithRole, signUp, tokenFor } from '../../test/auth-helpers.ts';
import type { TestApp } from '../../test/build-test-app.ts';
import { testBackends } from '../../test/test-database.ts';
import { buildAuthApp, freshEmail, mailedCode, ORIGIN, PASSWORD, post, signUpForReal } from '../auth/auth-test-kit.ts';

describe.each(testBackends())('administration on $backend', ({ backend, skip }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (!skip) t = await buildAuthApp(backend);
  });
  afterAll(() => t?.close());
  const setRole = (cookie: string, userId: string, role: string) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/admin/users/${userId}/role`,
      payload: { role },
      headers: { cookie, origin: ORIGIN },
    });

  it.skipIf(skip)('lets an admin change a role, effective on the next request, and audits it', async () => {
    const admin = await createUserWithRole(t.app, t.db, 'admin');
    const learner = await signUp(t.app);
    expect((await t.app.inject({ url: '/api/admin/users', headers: { cookie: learner.cookie } })).statusCode).toBe(403);
    const res = await setRole(admin.cookie, learner.user.id, 'mentor');
    expect(res.json()).toEqual({ id: learner.user.id, role: 'mentor' });
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: learner.cookie } })).json().role).toBe('mentor');
    const log = await t.app.inject({
      url: `/api/admin/audit-log?event=role.changed&userId=${learner.user.id}`,
      headers: { cookie: admin.cookie },
    });
    expect(log.json().entries).toEqual([
      expect.objectContaining({
        event: 'role.changed',
        userId: learner.user.id,
        actorId: admin.user.id,
        details: { from: 'learner', to: 'mentor' },
      }),
    ]);
  });

  it.skipIf(skip)('refuses role changes by non-admins and role escalation of oneself', async () => {
    const mentor = await createUserWithRole(t.app, t.db, 'mentor');
    const learner = await signUp(t.app);
    expect((await setRole(mentor.cookie, mentor.user.id, 'admin')).statusCode).toBe(403);
    expect((await setRole(learner.cookie, learner.user.id, 'admin')).statusCode).toBe(403);
    const stored = await t.db.query<{ role: string }>('SELECT role FROM users WHERE id = ANY($1) ORDER BY role', [
      [mentor.user.id, learner.user.id],
    ]);
    expect(stored.map((r) => r.role)).toEqual(['learner', 'mentor']);
  });

  it.skipIf(skip)(
    'records sign-in success and failure, password change and token events in the audit log',
    async () => {
      const admin = await createUserWithRole(t.app, t.db, 'admin');
      const { email, id, cookie } = await signUpForReal(t);
      await post(t, '/api/auth/sign-in', { email, password: 'Wrong-Password-77' });
      const token = await tokenFor(t.app, cookie);
      const [{ id: tokenId }] = (await t.app.inject({ url: '/api/tokens', headers: { cookie } })).json().tokens;
      await t.app.inject({ method: 'DELETE', url: `/api/tokens/${tokenId}`, headers: { cookie, origin: ORIGIN } });
      await post(t, '/api/me/password', { currentPassword: PASSWORD, newPassword: 'Fresh-Passphrase-321' }, { cookie });
      const res = await t.app.inject({ url: `/api/admin/audit-log?userId=${id}`, headers: { cookie: admin.cookie } });
      const events = res.json().entries.map((e: { event: string }) => e.event);
      for (const e of [
        'sign_up',
        'email.verified',
        'sign_in.success',
        'sign_in.failure',
        'token.created',
        'token.revoked',
        'password.changed',
      ]) {
        expect(events).toContain(e);
      }
      expect(res.body).not.toContain(token);
      const failure = res.json().entries.find((e: { event: string }) => e.event === 'sign_in.failure');
      expect(failure.ip).toMatch(/^10\./);
      expect(failure.at).toMatch(/Z$/);
    },
  );

  it.skipIf(skip)('keeps the last admin from demoting themselves', async () => {
    const only = await createUserWithRole(t.app, t.db, 'admin');
    await t.db.query(`UPDATE users SET role = 'learner' WHERE role = 'admin' AND id <> $1`, [only.user.id]);
    const res = await setRole(only.cookie, only.user.id, 'learner');
    expect(res.statusCode).toBe(409);
  });

  it.skipIf(skip)(
    'creates the first admin from the command without any password, via a single-use reset link',
    async () => {
      const email = freshEmail('root');
      const result = await createAdmin(t.db, t.config, { email, name: 'Root' });
      expect(result.created).toBe(true);
      const [row] = await t.db.query<{ role: string; password_hash: string | null }>(
        'SELECT role, password_hash FROM users WHERE id = $1',
        [result.userId],
      );
      expect(row).toEqual({ role: 'admin', password_hash: null });
      expect((await post(t, '/api/auth/sign-in', { email, password: '' })).statusCode).toBe(400);
      const token = await mailedCode(t, email, 'Reset code');
      expect(result.link).toContain(token);
      await post(t, '/api/auth/password-reset/confirm', { token, password: 'Admin-Chosen-Passphrase-1' });
      const signIn = await post(t, '/api/auth/sign-in', { email, password: 'Admin-Chosen-Passphrase-1' });
      expect(signIn.json().user.role).toBe('admin');
      const again = await createAdmin(t.db, t.config, { email });
      expect(again.created).toBe(false);
    },
  );
});
