/**
 * A tiny stand-in for the Backpath API (a real node:http server on 127.0.0.1:0) answering the routes
 * the CLI uses, so the API client and commands are tested over real HTTP until the real API exists.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_TOKEN = 'tok_fake_0123456789abcdef';

export interface FakeApi {
  url: string;
  requests: { method: string; path: string; auth?: string; body?: unknown }[];
  /** Device-flow answers to /api/auth/device/token, consumed in order; the last one repeats. */
  deviceAnswers: (string | 'ok')[];
  exercises: Record<string, Record<string, unknown>>;
  /**
   * What `GET /api/submissions/:id/events` does: `stream` sends one `result` event and closes (the real
   * contract), `error` answers 500, `silent` holds the stream open and sends nothing.
   */
  events: 'stream' | 'error' | 'silent';
  close(): Promise<void>;
}

const err = (code: string, message: string) => ({ error: { code, message } });

export async function startFakeApi(): Promise<FakeApi> {
  const api: FakeApi = {
    url: '',
    requests: [],
    deviceAnswers: ['ok'],
    exercises: {},
    events: 'stream',
    close: async () => {},
  };
  let polls = 0;
  const submissions = new Map<string, number>();
  /** The verdict for a submission: it passes when the last code sent contains SELECT. */
  const graded = (id: string) => {
    const last = [...api.requests].reverse().find((r) => r.path.endsWith('/submissions'));
    const code = String((last?.body as { code?: string })?.code ?? '');
    const pass = code.includes('SELECT');
    return {
      id,
      status: 'graded',
      result: {
        version: 1,
        status: pass ? 'pass' : 'fail',
        message: pass ? 'All checks passed.' : 'One check failed.',
        tests: [
          { name: 'returns rows', status: 'pass', hidden: false },
          pass
            ? { name: 'orders by name', status: 'pass', hidden: false }
            : {
                name: 'orders by name',
                status: 'fail',
                hidden: false,
                message: 'Rows are not ordered.',
                expected: 'a, b',
                actual: 'b, a',
              },
        ],
        durationMs: 3,
      },
    };
  };
  const server = http.createServer(async (req, res) => {
    let raw = '';
    for await (const c of req) raw += c;
    const body = raw ? JSON.parse(raw) : undefined;
    api.requests.push({ method: req.method ?? '', path: req.url ?? '', auth: req.headers.authorization, body });
    const send = (status: number, data: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(data));
    };
    const authed = req.headers.authorization === `Bearer ${FAKE_TOKEN}`;
    const route = `${req.method} ${req.url}`;
    if (route === 'POST /api/auth/device/code') {
      return send(200, {
        deviceCode: 'dev-1',
        userCode: 'WXYZ-1234',
        verificationUri: `${api.url}/device`,
        intervalSeconds: 1,
        expiresInSeconds: 600,
      });
    }
    if (route === 'POST /api/auth/device/token') {
      const answer = api.deviceAnswers[Math.min(polls++, api.deviceAnswers.length - 1)];
      return answer === 'ok' ? send(200, { token: FAKE_TOKEN }) : send(400, err(answer ?? 'expired_token', 'not yet'));
    }
    if (!authed) return send(401, err('unauthorized', 'Missing or invalid token.'));
    if (route === 'DELETE /api/tokens/current') {
      res.writeHead(204);
      return res.end();
    }
    if (route === 'GET /api/me')
      return send(200, { id: 'u1', email: 'ada@example.test', name: 'Ada', role: 'learner' });
    if (route === 'GET /api/progress') {
      return send(200, {
        overall: { done: 3, total: 10, percent: 30 },
        stages: [
          { id: 'language', title: 'A language', number: 1, done: 2, total: 2, percent: 100 },
          { id: 'databases', title: 'Databases', number: 2, done: 1, total: 8, percent: 12.5 },
        ],
      });
    }
    const ex = /^GET \/api\/exercises\/([^/]+)$/.exec(route);
    if (ex) {
      const found = api.exercises[decodeURIComponent(ex[1] as string)];
      return found ? send(200, found) : send(404, err('not_found', 'No such exercise.'));
    }
    const sub = /^POST \/api\/exercises\/([^/]+)\/submissions$/.exec(route);
    if (sub) {
      const id = `s${submissions.size + 1}`;
      submissions.set(id, 0);
      return send(202, { id, status: 'queued' });
    }
    const events = /^GET \/api\/submissions\/([^/]+)\/events$/.exec(route);
    if (events) {
      if (api.events === 'error') return send(500, err('internal', 'The server had a problem.'));
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' });
      if (api.events === 'silent') return res.write(': nothing yet\n\n');
      return res.end(`event: result\ndata: ${JSON.stringify(graded(events[1] as string))}\n\n`);
    }
    const poll = /^GET \/api\/submissions\/([^/]+)$/.exec(route);
    if (poll) {
      const id = poll[1] as string;
      const n = (submissions.get(id) ?? 0) + 1;
      submissions.set(id, n);
      return send(200, n < 2 ? { id, status: 'queued' } : graded(id));
    }
    const report = /^POST \/api\/projects\/([^/]+)\/reports$/.exec(route);
    if (report) return send(201, { id: 'r1' });
    send(404, err('not_found', `No route ${route}`));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return api;
}
