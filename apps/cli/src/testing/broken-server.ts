/**
 * The TypeScript reference solution with one defect switched on by BACKPATH_BREAK, built by wrapping
 * and patching it from the outside so the copy learners read stays clean. Used by the tester's tests to
 * prove each defect fails at the right stage with a message that points at it.
 */
import { createHash } from 'node:crypto';
import http, { type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { DatabaseSync } from 'node:sqlite';
import { Readable } from 'node:stream';
import { createApp } from '../../../../examples/capstone/typescript/src/app.ts';
import { SignInLimiter } from '../../../../examples/capstone/typescript/src/auth.ts';
import { type Bookmark, Store } from '../../../../examples/capstone/typescript/src/store.ts';

export const DEFECTS = [
  'no-health',
  'health-wrong-status',
  'no-location',
  'no-pagination',
  'no-tag-filter',
  'no-404',
  'no-validation',
  'no-persistence',
  'password-as-token',
  'idor',
  'no-etag',
  'errors-under-load',
  'sqli',
  'html-content-type',
  'stack-trace',
  'no-rate-limit',
  'no-security-headers',
  'plain-logs',
  'no-dockerfile-user',
  'sigterm-crash',
  'sqli-like',
  'like-wildcard',
  'no-headers-on-401',
  'token-from-email',
  'signin-oracle',
  'limit-default-10',
  'sorted-tags',
  'slow-list',
  'crash-on-bad-title',
  'lenient-limits',
] as const;
export type Defect = (typeof DEFECTS)[number];

const defect = process.env.BACKPATH_BREAK as Defect;
const file = process.env.DATA_FILE ?? 'data/bookmarks.json';

class IdorStore extends Store {
  override getBookmark(_ownerId: string, id: string): Bookmark | undefined {
    // The bug: looks the bookmark up by id alone, whoever owns it.
    const data = (this as unknown as { data: { bookmarks: Bookmark[] } }).data;
    return data.bookmarks.find((b) => b.id === id);
  }
}

class MemoryStore extends Store {
  protected override save(): void {}
}

/** sqli: keeps the tags in SQLite and filters by tag with SQL built by joining strings. */
class SqlTagStore extends Store {
  private readonly db: DatabaseSync;

  constructor(file: string, db: DatabaseSync) {
    super(file);
    this.db = db;
    db.exec('CREATE TABLE tags (bookmark_id TEXT, owner_id TEXT, tag TEXT)');
    for (const b of this.all()) this.index(b);
  }

  private all(): Bookmark[] {
    return (this as unknown as { data: { bookmarks: Bookmark[] } }).data.bookmarks;
  }

  private index(b: Bookmark): void {
    this.db.prepare('DELETE FROM tags WHERE bookmark_id = ?').run(b.id);
    for (const tag of b.tags) this.db.prepare('INSERT INTO tags VALUES (?, ?, ?)').run(b.id, b.ownerId, tag);
  }

  override addBookmark(ownerId: string, input: Pick<Bookmark, 'url' | 'title' | 'tags'>): Bookmark {
    const b = super.addBookmark(ownerId, input);
    this.index(b);
    return b;
  }

  override updateBookmark(b: Bookmark, changes: Partial<Pick<Bookmark, 'url' | 'title' | 'tags'>>): Bookmark {
    this.index(super.updateBookmark(b, changes));
    return b;
  }

  override deleteBookmark(b: Bookmark): void {
    super.deleteBookmark(b);
    this.db.prepare('DELETE FROM tags WHERE bookmark_id = ?').run(b.id);
  }

  override listBookmarks(ownerId: string, tag: string | undefined): Bookmark[] {
    if (tag === undefined) return super.listBookmarks(ownerId, undefined);
    // The bug: the request's tag is pasted into the SQL text instead of passed as a parameter.
    const sql = `SELECT DISTINCT bookmark_id FROM tags WHERE owner_id = '${ownerId}' AND tag = '${tag}'`;
    const ids = new Set(
      this.db
        .prepare(sql)
        .all()
        .map((r) => String(r.bookmark_id)),
    );
    return this.all().filter((b) => ids.has(b.id));
  }
}

/**
 * sqli-like / like-wildcard: tags kept as one ",a,b," string per bookmark and matched with LIKE. sqli-like
 * pastes the tag into the SQL text (a quote breaks out); like-wildcard passes it as a parameter but
 * forgets that % and _ are wildcards in a LIKE pattern.
 */
class LikeTagStore extends Store {
  private readonly db: DatabaseSync;
  private readonly pasted: boolean;

  constructor(file: string, db: DatabaseSync, pasted: boolean) {
    super(file);
    this.db = db;
    this.pasted = pasted;
    db.exec('CREATE TABLE bookmark_tags (bookmark_id TEXT PRIMARY KEY, owner_id TEXT, tags TEXT)');
    for (const b of this.all()) this.index(b);
  }

  private all(): Bookmark[] {
    return (this as unknown as { data: { bookmarks: Bookmark[] } }).data.bookmarks;
  }

  private index(b: Bookmark): void {
    this.db
      .prepare('INSERT OR REPLACE INTO bookmark_tags VALUES (?, ?, ?)')
      .run(b.id, b.ownerId, `,${b.tags.join(',')},`);
  }

  override addBookmark(ownerId: string, input: Pick<Bookmark, 'url' | 'title' | 'tags'>): Bookmark {
    const b = super.addBookmark(ownerId, input);
    this.index(b);
    return b;
  }

  override updateBookmark(b: Bookmark, changes: Partial<Pick<Bookmark, 'url' | 'title' | 'tags'>>): Bookmark {
    this.index(super.updateBookmark(b, changes));
    return b;
  }

  override deleteBookmark(b: Bookmark): void {
    super.deleteBookmark(b);
    this.db.prepare('DELETE FROM bookmark_tags WHERE bookmark_id = ?').run(b.id);
  }

  override listBookmarks(ownerId: string, tag: string | undefined): Bookmark[] {
    if (tag === undefined) return super.listBookmarks(ownerId, undefined);
    const rows = this.pasted
      ? // The bug: the tag is joined into the SQL text.
        this.db
          .prepare(`SELECT bookmark_id FROM bookmark_tags WHERE owner_id = ? AND tags LIKE '%,${tag},%'`)
          .all(ownerId)
      : // The bug: a parameter, but % and _ in it still act as LIKE wildcards.
        this.db
          .prepare('SELECT bookmark_id FROM bookmark_tags WHERE owner_id = ? AND tags LIKE ?')
          .all(ownerId, `%,${tag},%`);
    const ids = new Set(rows.map((r) => String(r.bookmark_id)));
    return this.all().filter((b) => ids.has(b.id));
  }
}

async function makeStore(): Promise<Store> {
  if (defect === 'idor') return new IdorStore(file);
  if (defect === 'no-persistence') return new MemoryStore(file);
  if (defect === 'sqli') return new SqlTagStore(file, new (await import('node:sqlite')).DatabaseSync(':memory:'));
  if (defect === 'sqli-like' || defect === 'like-wildcard')
    return new LikeTagStore(file, new (await import('node:sqlite')).DatabaseSync(':memory:'), defect === 'sqli-like');
  return new Store(file);
}

const store = await makeStore();
const app = createApp(
  store,
  defect === 'no-rate-limit' ? { signInLimiter: new SignInLimiter(Number.POSITIVE_INFINITY) } : {},
);

interface Outgoing {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Rewrites a response before it leaves: the place most defects are injected. */
function transform(req: IncomingMessage, requestBody: string, out: Outgoing): Outgoing {
  const path = (req.url ?? '').split('?')[0] ?? '';
  if (defect === 'no-health' && path === '/health')
    return { ...out, status: 404, body: JSON.stringify({ error: { message: 'No route for GET /health.' } }) };
  if (defect === 'health-wrong-status' && path === '/health') return { ...out, status: 204, body: '' };
  if (defect === 'no-security-headers') {
    for (const h of ['X-Content-Type-Options', 'X-Frame-Options', 'Content-Security-Policy', 'Referrer-Policy'])
      delete out.headers[h];
  }
  if (defect === 'no-headers-on-401' && out.status === 401) {
    // The auth check answers on its own, before the helper that adds the headers to every other answer.
    for (const h of ['X-Content-Type-Options', 'X-Frame-Options', 'Content-Security-Policy', 'Referrer-Policy'])
      delete out.headers[h];
  }
  if (defect === 'signin-oracle' && path === '/auth/signin' && out.status === 401) {
    const email = (JSON.parse(requestBody) as { email?: string }).email ?? '';
    const message = store.findUserByEmail(email) ? 'Wrong password.' : 'No account with this email.';
    return { ...out, body: JSON.stringify({ error: { message } }) };
  }
  if (defect === 'no-location') delete out.headers.Location;
  if (defect === 'no-404' && out.status === 404 && path.startsWith('/bookmarks/'))
    return { ...out, status: 200, body: '{}' };
  if (defect === 'no-etag') delete out.headers.ETag;
  if (defect === 'html-content-type' && out.body.includes('<script>')) out.headers['Content-Type'] = 'text/html';
  if (defect === 'stack-trace' && out.status === 400) {
    const stack =
      'Error: bad input\n    at readJson (/app/src/http-utils.ts:70:11)\n    at route (/app/src/app.ts:88:5)';
    return { ...out, body: JSON.stringify({ error: { message: 'bad input', stack } }) };
  }
  if (defect === 'no-validation' && out.status === 400 && req.method === 'POST' && requestBody.startsWith('{')) {
    return { ...out, status: 201, body: requestBody };
  }
  return out;
}

const passwords = new Map<string, string>();
const tokens = new Map<string, string>();

/** password-as-token: remembers sign-up passwords and accepts one as a bearer token for its user. */
function patchAuth(req: IncomingMessage, body: string): void {
  if (defect !== 'password-as-token') return;
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (bearer)
    for (const [email, pw] of passwords)
      if (pw === bearer && tokens.has(email)) req.headers.authorization = `Bearer ${tokens.get(email)}`;
  if (req.url === '/auth/signup') {
    try {
      const { email, password } = JSON.parse(body) as { email: string; password: string };
      passwords.set(email, password);
    } catch {}
  }
}

/** The list query as a defect reads it: parameters ignored, a wrong default, bad values quietly fixed. */
function ignoredParams(url: string): string {
  if (url !== '/bookmarks' && !url.startsWith('/bookmarks?')) return url;
  const u = new URL(url, 'http://x');
  const q = u.searchParams;
  const drop = defect === 'no-pagination' ? ['limit', 'offset'] : defect === 'no-tag-filter' ? ['tag'] : [];
  for (const name of drop) q.delete(name);
  if (defect === 'limit-default-10' && !q.has('limit')) q.set('limit', '10');
  if (defect === 'lenient-limits') {
    // `Math.min(Number(limit) || 20, 100)` and `Math.max(Number(offset) || 0, 0)`: no 400, ever.
    if (q.has('limit')) q.set('limit', String(Math.min(Number(q.get('limit')) || 20, 100)));
    if (q.has('offset')) q.set('offset', String(Math.max(Number(q.get('offset')) || 0, 0)));
  }
  return u.pathname + u.search;
}

/** sorted-tags: "normalises" tags before storing them, as `[...new Set(tags)].sort()`. */
function rewriteBody(req: IncomingMessage, body: string): string {
  if (defect !== 'sorted-tags' || !(req.url ?? '').startsWith('/bookmarks')) return body;
  try {
    const json = JSON.parse(body) as { tags?: unknown };
    if (Array.isArray(json.tags) && json.tags.every((t) => typeof t === 'string'))
      json.tags = [...new Set(json.tags as string[])].sort();
    return JSON.stringify(json);
  } catch {
    return body;
  }
}

/** crash-on-bad-title: trims the title without checking its type, in an async handler nobody catches. */
function trimTitle(req: IncomingMessage, body: string): void {
  if (defect !== 'crash-on-bad-title' || req.method !== 'PATCH') return;
  try {
    JSON.parse(body);
  } catch {
    return;
  }
  const { title } = JSON.parse(body) as { title?: unknown };
  if (title !== undefined) (title as string).trim();
}

/** token-from-email: hands out sha256(email) as the token (and maps it back to a real one). */
const derivedTokens = new Map<string, string>();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** errors-under-load: each request holds one of two "database connections" for 5 ms; the third at once fails. */
let connectionsInUse = 0;
const POOL_SIZE = 2;

const handler: RequestListener = async (req, res) => {
  if (defect === 'errors-under-load') {
    if (connectionsInUse >= POOL_SIZE) {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'connection pool exhausted' } }));
      return;
    }
    connectionsInUse++;
    res.on('close', () => connectionsInUse--);
    await new Promise((r) => setTimeout(r, 5));
  }
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const requestBody = rewriteBody(req, Buffer.concat(chunks).toString('utf8'));
  patchAuth(req, requestBody);
  trimTitle(req, requestBody);
  if (defect === 'slow-list' && (req.url ?? '').includes('limit=10')) {
    // Reads and sorts "everything" on every list request.
    await new Promise((r) => setTimeout(r, 400));
  }
  const derived = derivedTokens.get(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
  if (derived) req.headers.authorization = `Bearer ${derived}`;
  const fakeReq = Object.assign(Readable.from([Buffer.from(requestBody)]), {
    method: req.method,
    url: ignoredParams(req.url ?? '/'),
    headers: req.headers,
  });
  let status = 200;
  let headers: Record<string, string> = {};
  const realWriteHead = res.writeHead.bind(res);
  const realEnd = res.end.bind(res);
  const r = res as unknown as Record<string, unknown>;
  r.writeHead = (s: number, h?: Record<string, string>) => {
    status = s;
    headers = { ...h };
    return res;
  };
  r.end = (chunk?: string) => {
    const out = transform(req, requestBody, { status, headers, body: chunk ?? '' });
    if (defect === 'password-as-token' && req.url === '/auth/signin' && out.status === 200) {
      const email = (JSON.parse(requestBody) as { email: string }).email;
      tokens.set(email, (JSON.parse(out.body) as { token: string }).token);
    }
    if (defect === 'token-from-email' && req.url === '/auth/signin' && out.status === 200) {
      const token = sha256((JSON.parse(requestBody) as { email: string }).email);
      derivedTokens.set(token, (JSON.parse(out.body) as { token: string }).token);
      out.body = JSON.stringify({ token });
    }
    res.statusCode = out.status;
    realWriteHead(out.status, out.headers);
    return realEnd(out.body);
  };
  app(fakeReq as unknown as IncomingMessage, res as ServerResponse);
};

const server = http.createServer(handler);
server.listen(Number(process.env.PORT ?? 8080), () => {
  if (defect === 'plain-logs') console.log(`Server listening on port ${process.env.PORT}`);
  else console.log(JSON.stringify({ level: 'info', msg: 'listening' }));
});
if (defect !== 'sigterm-crash') {
  process.on('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  });
}
