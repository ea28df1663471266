/** The request handler: routes, authentication and the bookmark and account endpoints. */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { hashPassword, hashToken, newToken, SignInLimiter, verifyPassword } from './auth.ts';
import { HttpError, readJson, sendCacheable, sendEmpty, sendError, sendJson } from './http-utils.ts';
import { log } from './log.ts';
import type { Bookmark, Store } from './store.ts';
import { bookmarkFields, credentials, intParam } from './validate.ts';

export interface AppOptions {
  signInLimiter?: SignInLimiter;
}

function publicBookmark(b: Bookmark) {
  return { id: b.id, url: b.url, title: b.title, tags: b.tags, createdAt: b.createdAt };
}

export function createApp(store: Store, options: AppOptions = {}): RequestListener {
  const limiter = options.signInLimiter ?? new SignInLimiter();
  // Burn the same scrypt time for unknown emails, so timing does not reveal which emails exist.
  const dummy = hashPassword('not-a-real-password');

  function currentUser(req: IncomingMessage): string {
    const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    const userId = match ? store.userIdForToken(hashToken(match[1] as string)) : undefined;
    if (!userId) throw new HttpError(401, 'Send "Authorization: Bearer <token>" with a token from POST /auth/signin.');
    return userId;
  }

  async function signUp(req: IncomingMessage, res: ServerResponse) {
    const { email, password } = credentials(await readJson(req));
    if (store.findUserByEmail(email)) throw new HttpError(409, 'An account with this email already exists.');
    const { hash, salt } = await hashPassword(password);
    const user = store.addUser(email, hash, salt);
    sendJson(res, 201, { id: user.id, email: user.email });
  }

  async function signIn(req: IncomingMessage, res: ServerResponse) {
    const { email, password } = credentials(await readJson(req));
    const wait = limiter.retryAfter(email);
    if (wait > 0)
      throw new HttpError(429, 'Too many failed sign-ins. Try again later.', { 'Retry-After': String(wait) });
    const user = store.findUserByEmail(email);
    let ok = false;
    if (user) ok = await verifyPassword(password, user.passwordHash, user.salt);
    else await dummy;
    if (!user || !ok) {
      limiter.fail(email);
      throw new HttpError(401, 'Wrong email or password.');
    }
    limiter.succeed(email);
    const token = newToken();
    store.addToken(hashToken(token), user.id);
    sendJson(res, 200, { token }, { 'Cache-Control': 'no-store' });
  }

  async function bookmarks(req: IncomingMessage, res: ServerResponse, url: URL, id: string | undefined) {
    const userId = currentUser(req);
    if (id === undefined) {
      if (req.method === 'POST') {
        const b = store.addBookmark(
          userId,
          bookmarkFields(await readJson(req), false) as Required<ReturnType<typeof bookmarkFields>>,
        );
        return sendJson(res, 201, publicBookmark(b), { Location: `/bookmarks/${b.id}` });
      }
      if (req.method !== 'GET') throw new HttpError(405, 'Use GET or POST on /bookmarks.', { Allow: 'GET, POST' });
      const limit = intParam(url.searchParams, 'limit', 20, 1, 100);
      const offset = intParam(url.searchParams, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
      const all = store.listBookmarks(userId, url.searchParams.get('tag') ?? undefined);
      return sendJson(res, 200, {
        items: all.slice(offset, offset + limit).map(publicBookmark),
        total: all.length,
        limit,
        offset,
      });
    }
    const found = store.getBookmark(userId, id);
    if (!found) throw new HttpError(404, `No bookmark with id ${id.slice(0, 40)}.`);
    if (req.method === 'GET') return sendCacheable(req, res, publicBookmark(found));
    if (req.method === 'PATCH') {
      const changed = store.updateBookmark(found, bookmarkFields(await readJson(req), true));
      return sendJson(res, 200, publicBookmark(changed));
    }
    if (req.method === 'DELETE') {
      store.deleteBookmark(found);
      return sendEmpty(res, 204);
    }
    throw new HttpError(405, 'Use GET, PATCH or DELETE on /bookmarks/{id}.', { Allow: 'GET, PATCH, DELETE' });
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const p = url.pathname;
    if (p === '/health' && req.method === 'GET') return sendJson(res, 200, { status: 'ok' });
    if (p === '/auth/signup' && req.method === 'POST') return signUp(req, res);
    if (p === '/auth/signin' && req.method === 'POST') return signIn(req, res);
    if (p === '/bookmarks') return bookmarks(req, res, url, undefined);
    const m = /^\/bookmarks\/([^/]+)$/.exec(p);
    if (m) return bookmarks(req, res, url, decodeURIComponent(m[1] as string));
    throw new HttpError(404, `No route for ${req.method} ${p.slice(0, 100)}.`);
  }

  return (req, res) => {
    const started = performance.now();
    res.on('finish', () => {
      const path = (req.url ?? '/').split('?')[0]?.slice(0, 200);
      log('info', 'request', {
        method: req.method,
        path,
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
      });
    });
    route(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) return sendError(res, err);
      // Details go to the log, never to the client.
      log('error', 'unhandled error', { error: String((err as Error)?.stack ?? err) });
      if (!res.headersSent) sendError(res, new HttpError(500, 'Something went wrong on our side.'));
    });
  };
}
