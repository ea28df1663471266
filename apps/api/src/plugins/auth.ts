/**
 * Who is calling, and may they? Resolves `req.user` from an API token (`Authorization: Bearer`) or
 * the session cookie, then enforces the route's declared `config.access` in this one hook:
 * `public` anyone, `user` signed in (401), `{ roles }` signed in with one of them (403). Read-only
 * tokens get 403 on anything but GET/HEAD; `config.sessionOnly` routes refuse tokens altogether.
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { findLiveSession, sessionCookieName } from '../modules/auth/sessions.ts';
import type { Role } from '../modules/auth/users.repository.ts';
import { findLiveToken } from '../modules/tokens/tokens.repository.ts';
import type { Access } from './access.ts';

export type Scope = 'read' | 'write';

export interface RequestUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  via: 'session' | 'token';
  scopes: Scope[];
}

declare module 'fastify' {
  interface FastifyRequest {
    user: RequestUser | null;
    /** The session id when signed in with a cookie (to tell "this session" apart in lists). */
    sessionId: string | null;
  }
  interface FastifyContextConfig {
    /** Refuse API tokens: managing tokens, approving devices and account deletion need a browser session. */
    sessionOnly?: boolean;
    /** Let a read-only token make this state change (a token revoking itself only takes power away). */
    readOnlyTokenAllowed?: boolean;
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
  sessionOnly: boolean;
}

const tables = new WeakMap<FastifyInstance, RouteEntry[]>();
const contexts = new WeakMap<FastifyInstance, { db: Database; config: Config }>();

/** The database and config the auth plugin was registered with (test helpers reach them through the app). */
export function authContext(app: FastifyInstance): { db: Database; config: Config } {
  const c = contexts.get(app);
  if (!c) throw new Error('the auth plugin is not registered on this app');
  return c;
}

/** Every route registered after the auth plugin, with its declared access (for the authorization matrix test). */
export function routeTable(app: FastifyInstance): RouteEntry[] {
  return tables.get(app) ?? [];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const BEARER = /^Bearer ([A-Za-z0-9_-]{10,200})$/i;

export async function registerAuth(app: FastifyInstance, deps: { db: Database; config: Config }): Promise<void> {
  const { db, config } = deps;
  const table: RouteEntry[] = [];
  tables.set(app, table);
  contexts.set(app, { db, config });
  app.addHook('onRoute', (route) => {
    const c = (route.config ?? {}) as { access?: Access; sessionOnly?: boolean };
    for (const method of [route.method].flat()) {
      table.push({ method, url: route.url, access: c.access ?? 'public', sessionOnly: c.sessionOnly === true });
    }
  });

  await app.register(cookie, { hook: 'onRequest' });
  app.decorateRequest('user', null);
  app.decorateRequest('sessionId', null);

  app.addHook('onRequest', async (req) => {
    await identify(req, db, config);
    enforce(req);
  });

  app.addHook('onResponse', async (req, reply) => {
    if (reply.statusCode === 403) {
      req.log.warn(
        { event: 'forbidden', userId: req.user?.id ?? null, ip: req.ip, at: new Date().toISOString(), route: req.url },
        'request forbidden',
      );
    }
  });
}

async function identify(req: FastifyRequest, db: Database, config: Config): Promise<void> {
  const header = req.headers.authorization;
  // Other schemes (e.g. Basic added by a reverse proxy guarding the whole site) are not ours to judge.
  if (header !== undefined && /^bearer\b/i.test(header)) {
    const m = BEARER.exec(header);
    const token = m ? await findLiveToken(db, m[1]!) : undefined;
    if (!token) throw new AppError('unauthorized', 'The API token is invalid, expired or revoked.');
    req.user = { ...token.user, via: 'token', scopes: token.scopes };
    return;
  }
  const value = req.cookies[sessionCookieName(config)];
  if (!value || value.length > 100) return;
  const session = await findLiveSession(db, config, value);
  if (!session) return;
  req.sessionId = session.id;
  req.user = { ...session.user, via: 'session', scopes: ['read', 'write'] };
}

function enforce(req: FastifyRequest): void {
  const cfg = req.routeOptions.config as
    | { access?: Access; sessionOnly?: boolean; readOnlyTokenAllowed?: boolean }
    | undefined;
  const access = cfg?.access;
  if (!access || access === 'public') return;
  const user = req.user;
  if (!user) throw new AppError('unauthorized', 'Sign in to do this.');
  if (user.via === 'token') {
    if (cfg.sessionOnly) throw new AppError('forbidden', 'API tokens cannot do this; sign in with a browser.');
    if (!SAFE_METHODS.has(req.method) && !user.scopes.includes('write') && !cfg.readOnlyTokenAllowed) {
      throw new AppError('forbidden', 'This API token is read-only.');
    }
  }
  if (access !== 'user' && !access.roles.includes(user.role)) {
    throw new AppError('forbidden', 'Your account does not have the role this needs.');
  }
}
