/**
 * The TypeScript reference solution with one defect switched on by BACKPATH_BREAK, built by wrapping
 * and patching it from the outside so the copy learners read stays clean. Used by the tester's tests to
 * prove each defect fails at the right stage with a message that points at it.
 */
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

async function makeStore(): Promise<Store> {
  if (defect === 'idor') return new IdorStore(file);
  if (defect === 'no-persistence') return new MemoryStore(file);
  if (defect === 'sqli') return new SqlTagStore(file, new (await import('node:sqlite')).DatabaseSync(':memory:'));
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

/** The list query without the parameters a defect ignores. */
function ignoredParams(url: string): string {
  const drop = defect === 'no-pagination' ? ['limit', 'offset'] : defect === 'no-tag-filter' ? ['tag'] : [];
  if (drop.length === 0 || !url.startsWith('/bookmarks?')) return url;
  const u = new URL(url, 'http://x');
  for (const name of drop) u.searchParams.delete(name);
  return u.pathname + u.search;
}

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
  const requestBody = Buffer.concat(chunks).toString('utf8');
  patchAuth(req, requestBody);
  const fakeReq = Object.assign(Readable.from(chunks), {
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
