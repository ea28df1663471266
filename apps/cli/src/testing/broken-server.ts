/**
 * The TypeScript reference solution with one defect switched on by BACKPATH_BREAK, built by wrapping
 * and patching it from the outside so the copy learners read stays clean. Used by the tester's tests to
 * prove each defect fails at the right stage with a message that points at it.
 */
import http, { type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { createApp } from '../../../../examples/capstone/typescript/src/app.ts';
import { SignInLimiter } from '../../../../examples/capstone/typescript/src/auth.ts';
import { type Bookmark, Store } from '../../../../examples/capstone/typescript/src/store.ts';

export const DEFECTS = [
  'no-location',
  'no-404',
  'no-validation',
  'no-persistence',
  'password-as-token',
  'idor',
  'no-etag',
  'html-content-type',
  'stack-trace',
  'no-rate-limit',
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

const store =
  defect === 'idor' ? new IdorStore(file) : defect === 'no-persistence' ? new MemoryStore(file) : new Store(file);
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

const handler: RequestListener = async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const requestBody = Buffer.concat(chunks).toString('utf8');
  patchAuth(req, requestBody);
  const fakeReq = Object.assign(Readable.from(chunks), { method: req.method, url: req.url, headers: req.headers });
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
