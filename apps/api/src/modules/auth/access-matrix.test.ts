/**
 * The authorization matrix: every route of the full app (colleagues' routes included, as they
 * land) × {anonymous, learner, mentor, admin, another learner}, with the status its declared
 * access implies. Generated from the route table, so a new route is covered automatically.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../../plugins/access.ts';
import { routeTable } from '../../plugins/auth.ts';
import { createUserWithRole, signUp } from '../../test/auth-helpers.ts';
import { buildTestApp, type TestApp } from '../../test/build-test-app.ts';
import { testBackends } from '../../test/test-database.ts';
import { buildAuthApp, freshIp, freshSessionCookie, ORIGIN } from './auth-test-kit.ts';
import type { Role } from './users.repository.ts';

const PLACEHOLDER = '00000000-0000-4000-8000-000000000000';
type Identity = 'anonymous' | 'learner' | 'mentor' | 'admin' | 'other-learner';
const IDENTITIES: Identity[] = ['anonymous', 'learner', 'mentor', 'admin', 'other-learner'];

/** What the declaration promises: 401 / 403, or "passes the gate" (anything but 401 and 403). */
function expected(access: Access, who: Identity): 401 | 403 | 'allowed' {
  if (access === 'public') return 'allowed';
  if (who === 'anonymous') return 401;
  if (access === 'user') return 'allowed';
  const role: Role = who === 'other-learner' ? 'learner' : who;
  return access.roles.includes(role) ? 'allowed' : 403;
}

const concrete = (url: string) => url.replace(/:[A-Za-z0-9_]+/g, PLACEHOLDER).replace(/\*/g, 'x');

describe.each(testBackends())('authorization matrix on $backend', ({ backend, skip }) => {
  let t: TestApp;
  const users = new Map<Identity, string>();
  beforeAll(async () => {
    if (skip) return;
    t = await buildAuthApp(backend);
    users.set('learner', (await signUp(t.app)).user.id);
    users.set('other-learner', (await signUp(t.app)).user.id);
    users.set('mentor', (await createUserWithRole(t.app, t.db, 'mentor')).user.id);
    users.set('admin', (await createUserWithRole(t.app, t.db, 'admin')).user.id);
  });
  afterAll(() => t?.close());

  it.skipIf(skip)('covers every route, each with a declared access', () => {
    const routes = routeTable(t.app);
    const urls = new Set(routes.map((r) => `${r.method} ${r.url}`));
    for (const must of [
      'POST /api/auth/sign-in',
      'GET /api/me',
      'DELETE /api/tokens/:tokenId',
      'PUT /api/admin/users/:userId/role',
      'GET /api/stages',
    ]) {
      expect(urls).toContain(must);
    }
    expect(routes.every((r) => r.access === 'public' || r.access === 'user' || Array.isArray(r.access.roles))).toBe(
      true,
    );
  });

  it.skipIf(skip)('answers each identity as the route declares', async () => {
    const rows: string[] = [];
    const failures: string[] = [];
    for (const route of routeTable(t.app)) {
      if (route.method === 'HEAD' || route.method === 'OPTIONS') continue;
      for (const who of IDENTITIES) {
        const userId = users.get(who);
        const headers: Record<string, string> = { origin: ORIGIN };
        if (userId) headers.cookie = await freshSessionCookie(t, userId);
        const res = await t.app.inject({
          method: route.method as 'GET',
          url: concrete(route.url),
          headers,
          remoteAddress: freshIp(),
        });
        const want = expected(route.access, who);
        const ok = want === 'allowed' ? res.statusCode !== 401 && res.statusCode !== 403 : res.statusCode === want;
        rows.push(`${route.method} ${route.url} ${who}: ${res.statusCode}`);
        if (!ok) failures.push(`${route.method} ${route.url} as ${who}: got ${res.statusCode}, want ${want}`);
      }
    }
    expect(failures).toEqual([]);
    expect(rows.length).toBeGreaterThan(100);
  });

  it.skipIf(skip)('describes every API endpoint in the OpenAPI document', async () => {
    const doc = (await t.app.inject('/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    // Everything under /api and /.well-known; the document itself, its docs page and the web build are not API.
    const apiRoutes = routeTable(t.app).filter(
      (r) => /^\/(api|\.well-known)\//.test(r.url) && r.method !== 'HEAD' && r.method !== 'OPTIONS',
    );
    expect(apiRoutes.filter((r) => /^\/api\/(auth|me|tokens|admin)(\/|$)/.test(r.url)).length).toBeGreaterThan(20);
    expect(apiRoutes.length).toBeGreaterThan(60);
    for (const r of apiRoutes) {
      const path = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      expect(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${path}`).toBeDefined();
    }
  });
});

describe('a route without an access declaration', () => {
  it('stops the app from starting', async () => {
    await expect(
      buildTestApp({
        extend(app) {
          app.get('/api/forgotten', async () => ({}));
        },
      }),
    ).rejects.toThrow('does not declare config.access');
  });
});
