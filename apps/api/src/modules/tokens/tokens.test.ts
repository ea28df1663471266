import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../plugins/auth.ts';
import { signUp, tokenFor } from '../../test/auth-helpers.ts';
import type { TestApp } from '../../test/build-test-app.ts';
import { testBackends } from '../../test/test-database.ts';
import { listAudit } from '../admin/audit-log.ts';
import { buildAuthApp, ORIGIN, post } from '../auth/auth-test-kit.ts';
import { sha256 } from '../auth/secrets.ts';

describe.each(testBackends())('personal API tokens on $backend', ({ backend, skip }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (!skip) t = await buildAuthApp(backend);
  });
  afterAll(() => t?.close());
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it.skipIf(skip)('creates a named, scoped token shown once, stored hashed, listed without its secret', async () => {
    const { cookie, user } = await signUp(t.app);
    const res = await post(t, '/api/tokens', { name: 'laptop CLI', scopes: ['read'] }, { cookie });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ name: 'laptop CLI', scopes: ['read'], lastUsedAt: null });
    expect(created.token).toMatch(/^bp_[\w-]{43}$/);
    const rows = await t.db.query('SELECT token_hash FROM api_tokens WHERE user_id = $1', [user.id]);
    expect(rows).toEqual([{ token_hash: sha256(created.token) }]);
    const list = await t.app.inject({ url: '/api/tokens', headers: { cookie } });
    expect(list.json().tokens).toEqual([
      { id: created.id, name: 'laptop CLI', scopes: ['read'], createdAt: created.createdAt, lastUsedAt: null },
    ]);
    expect(list.body).not.toContain(created.token);
  });

  it.skipIf(skip)('authenticates with Authorization: Bearer, and stops working the moment it is revoked', async () => {
    const { cookie, user } = await signUp(t.app);
    const token = await tokenFor(t.app, cookie, ['read', 'write']);
    const me = await t.app.inject({ url: '/api/me', headers: bearer(token) });
    expect(me.json()).toMatchObject({ id: user.id });
    const [{ id }] = (await t.app.inject({ url: '/api/tokens', headers: { cookie } })).json().tokens;
    const del = await t.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: { cookie, origin: ORIGIN } });
    expect(del.statusCode).toBe(204);
    const after = await t.app.inject({ url: '/api/me', headers: bearer(token) });
    expect(after.statusCode).toBe(401);
  });

  it.skipIf(skip)(
    'a token revokes itself with DELETE /api/tokens/current (logout), audited; others keep working',
    async () => {
      const { cookie, user } = await signUp(t.app);
      const leaving = await tokenFor(t.app, cookie, ['read', 'write']);
      const staying = await tokenFor(t.app, cookie, ['read', 'write']);
      const before = (await t.app.inject({ url: '/api/tokens', headers: { cookie } })).json().tokens as {
        id: string;
      }[];
      const del = await t.app.inject({ method: 'DELETE', url: '/api/tokens/current', headers: bearer(leaving) });
      expect(del.statusCode).toBe(204);
      expect((await t.app.inject({ url: '/api/me', headers: bearer(leaving) })).statusCode).toBe(401);
      expect((await t.app.inject({ url: '/api/me', headers: bearer(staying) })).statusCode).toBe(200);
      const after = (await t.app.inject({ url: '/api/tokens', headers: { cookie } })).json().tokens as { id: string }[];
      expect(after).toHaveLength(1);
      const revokedId = before.find((b) => !after.some((a) => a.id === b.id))?.id;
      expect(revokedId).toBeDefined();
      const [entry] = await listAudit(t.db, { userId: user.id, event: 'token.revoked' });
      expect(entry?.details).toEqual({ tokenId: revokedId, via: 'self' });
      // Once revoked it can no longer call anything, itself included.
      const again = await t.app.inject({ method: 'DELETE', url: '/api/tokens/current', headers: bearer(leaving) });
      expect(again.statusCode).toBe(401);
    },
  );

  it.skipIf(skip)(
    'DELETE /api/tokens/current: 400 for a session, a read-only token may revoke itself, 401 anonymous',
    async () => {
      const { cookie } = await signUp(t.app);
      const viaSession = await t.app.inject({
        method: 'DELETE',
        url: '/api/tokens/current',
        headers: { cookie, origin: ORIGIN },
      });
      expect(viaSession.statusCode).toBe(400);
      expect(viaSession.json().error.message).toContain('not made with an API token');
      const read = await tokenFor(t.app, cookie, ['read']);
      expect((await t.app.inject({ url: '/api/me', headers: bearer(read) })).statusCode).toBe(200);
      // Revoking itself only takes power away, so a read-only token may; other changes stay refused.
      expect(
        (await t.app.inject({ method: 'PATCH', url: '/api/me', payload: { name: 'x' }, headers: bearer(read) }))
          .statusCode,
      ).toBe(403);
      const viaRead = await t.app.inject({ method: 'DELETE', url: '/api/tokens/current', headers: bearer(read) });
      expect(viaRead.statusCode).toBe(204);
      expect((await t.app.inject({ url: '/api/me', headers: bearer(read) })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'DELETE', url: '/api/tokens/current' })).statusCode).toBe(401);
      // Declared for any signed-in user (tokens included), unlike the rest of token management.
      const route = routeTable(t.app).find((r) => r.method === 'DELETE' && r.url === '/api/tokens/current');
      expect(route).toMatchObject({ access: 'user', sessionOnly: false });
      const doc = (await t.app.inject('/openapi.json')).json();
      expect(doc.paths['/api/tokens/current'].delete.responses).toHaveProperty('204');
    },
  );

  it.skipIf(skip)(
    'a read-only token gets 403 on state changes; a write token passes without CSRF headers',
    async () => {
      const { cookie } = await signUp(t.app);
      const read = await tokenFor(t.app, cookie, ['read']);
      const write = await tokenFor(t.app, cookie, ['write']);
      const patch = (token: string) =>
        t.app.inject({ method: 'PATCH', url: '/api/me', payload: { name: 'Scripted' }, headers: bearer(token) });
      expect((await patch(read)).statusCode).toBe(403);
      expect((await t.app.inject({ url: '/api/me', headers: bearer(read) })).statusCode).toBe(200);
      expect((await patch(write)).statusCode).toBe(200);
    },
  );

  it.skipIf(skip)('cannot manage tokens, sessions or the account with a token (browser session needed)', async () => {
    const { cookie } = await signUp(t.app);
    const token = await tokenFor(t.app, cookie);
    const mint = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      payload: { name: 'more', scopes: ['write'] },
      headers: bearer(token),
    });
    expect(mint.statusCode).toBe(403);
    const del = await t.app.inject({ method: 'DELETE', url: '/api/me', payload: {}, headers: bearer(token) });
    expect(del.statusCode).toBe(403);
  });

  it.skipIf(skip)("cannot revoke or see another user's token by its id (IDOR)", async () => {
    const victim = await signUp(t.app);
    const attacker = await signUp(t.app);
    const token = await tokenFor(t.app, victim.cookie);
    const [{ id }] = (await t.app.inject({ url: '/api/tokens', headers: { cookie: victim.cookie } })).json().tokens;
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/tokens/${id}`,
      headers: { cookie: attacker.cookie, origin: ORIGIN },
    });
    expect(del.statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/me', headers: bearer(token) })).statusCode).toBe(200);
    const list = await t.app.inject({ url: '/api/tokens', headers: { cookie: attacker.cookie } });
    expect(list.json().tokens).toEqual([]);
  });

  it.skipIf(skip)('answers 401 to a malformed or unknown bearer token, never treating it as anonymous', async () => {
    for (const header of ['Bearer nope', 'Bearer bp_unknownunknownunknownunknown', 'bearer x y', 'Bearer ']) {
      const res = await t.app.inject({ url: '/api/stages', headers: { authorization: header } });
      expect(res.statusCode).toBe(401);
    }
    // Another scheme (a reverse proxy's Basic auth) is neither an identity nor an error.
    expect((await t.app.inject({ url: '/api/stages', headers: { authorization: 'Basic YTpi' } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/me', headers: { authorization: 'Basic YTpi' } })).statusCode).toBe(401);
  });
});

describe.each(testBackends())('device authorization for the CLI on $backend', ({ backend, skip }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (!skip) t = await buildAuthApp(backend);
  });
  afterAll(() => t?.close());
  const poll = (deviceCode: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/device/token', payload: { deviceCode } });

  it.skipIf(skip)('issues a token once the signed-in user approves the code, and only once', async () => {
    const start = await t.app.inject({ method: 'POST', url: '/api/auth/device/code', payload: {} });
    expect(start.statusCode).toBe(200);
    const code = start.json();
    expect(code).toMatchObject({
      verificationUri: 'http://127.0.0.1:3000/device',
      intervalSeconds: 5,
      expiresInSeconds: 600,
    });
    expect(code.userCode).toMatch(/^[B-Z]{4}-[B-Z]{4}$/);
    const pending = await poll(code.deviceCode);
    expect(pending.statusCode).toBe(400);
    expect(pending.json().error.code).toBe('authorization_pending');
    expect((await poll(code.deviceCode)).json().error.code).toBe('slow_down');

    const { cookie, user } = await signUp(t.app);
    const approve = await post(t, '/api/auth/device/approve', { userCode: code.userCode.toLowerCase() }, { cookie });
    expect(approve.statusCode).toBe(204);
    const done = await poll(code.deviceCode);
    expect(done.statusCode).toBe(200);
    const me = await t.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${done.json().token}` } });
    expect(me.json().id).toBe(user.id);
    expect((await poll(code.deviceCode)).json().error.code).toBe('expired_token');
  });

  it.skipIf(skip)('answers access_denied after a denial and expired_token after expiry', async () => {
    const { cookie } = await signUp(t.app);
    const denied = (await t.app.inject({ method: 'POST', url: '/api/auth/device/code', payload: {} })).json();
    await post(t, '/api/auth/device/deny', { userCode: denied.userCode }, { cookie });
    expect((await poll(denied.deviceCode)).json().error.code).toBe('access_denied');
    const old = (await t.app.inject({ method: 'POST', url: '/api/auth/device/code', payload: {} })).json();
    await t.db.query(`UPDATE device_codes SET expires_at = now() - interval '1 second' WHERE user_code = $1`, [
      old.userCode.replace('-', ''),
    ]);
    expect((await poll(old.deviceCode)).json().error.code).toBe('expired_token');
    const late = await post(t, '/api/auth/device/approve', { userCode: old.userCode }, { cookie });
    expect(late.statusCode).toBe(404);
  });

  it.skipIf(skip)('needs a signed-in browser session to approve', async () => {
    const code = (await t.app.inject({ method: 'POST', url: '/api/auth/device/code', payload: {} })).json();
    const anon = await post(t, '/api/auth/device/approve', { userCode: code.userCode });
    expect(anon.statusCode).toBe(401);
    const { cookie } = await signUp(t.app);
    const token = await tokenFor(t.app, cookie);
    const viaToken = await t.app.inject({
      method: 'POST',
      url: '/api/auth/device/approve',
      payload: { userCode: code.userCode },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(viaToken.statusCode).toBe(403);
  });
});
