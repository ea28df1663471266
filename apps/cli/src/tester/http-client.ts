/**
 * The tester's HTTP client: plain `node:http` so the tester controls every header and byte, and every
 * exchange is recorded with the equivalent `curl` command a learner can paste to reproduce it.
 */
import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import type { LookupFunction } from 'node:net';

export interface TestRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** Sent verbatim (for malformed bodies); wins over `json`. */
  rawBody?: string;
  timeoutMs?: number;
}

export interface TestResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
  /** The parsed body when it is valid JSON, else undefined. */
  json: unknown;
  durationMs: number;
}

export interface Exchange {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  curl: string;
  response?: TestResponse;
  /** Set when no response came back (connection refused, reset, timeout). */
  error?: string;
}

export function requestBody(req: TestRequest): { body?: string; headers: Record<string, string> } {
  const headers = { ...req.headers };
  if (req.rawBody !== undefined) return { body: req.rawBody, headers };
  if (req.json === undefined) return { headers };
  headers['Content-Type'] ??= 'application/json';
  return { body: JSON.stringify(req.json), headers };
}

function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/** The curl command that sends the same request; `-i` so the learner sees status and headers too. */
export function toCurl(method: string, url: string, headers: Record<string, string>, body?: string): string {
  const parts = ['curl -i'];
  if (method !== 'GET' || body !== undefined) parts.push(`-X ${method}`);
  parts.push(shellQuote(url));
  for (const [k, v] of Object.entries(headers)) parts.push(`-H ${shellQuote(`${k}: ${v}`)}`);
  if (body !== undefined) parts.push(`--data-raw ${shellQuote(body)}`);
  return parts.join(' ');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Host names whose addresses were resolved and vetted once (the `--url` loopback check). Requests to
 * them connect to those addresses instead of asking DNS again, so a name that re-resolves elsewhere
 * later (DNS rebinding) cannot move the tester off loopback; the Host header still names the host.
 */
const pinned = new Map<string, LookupAddress[]>();

export function pinHost(hostname: string, addresses: LookupAddress[]): void {
  if (addresses.length === 0) throw new Error(`no addresses to pin ${hostname} to`);
  pinned.set(hostname.toLowerCase(), addresses);
}

function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const first = addresses[0] as LookupAddress;
    if (options.all) callback(null, addresses);
    else callback(null, first.address, first.family);
  };
}

/** Sends one request; never throws for HTTP statuses, rejects only when no response arrived. */
export function send(baseUrl: string, req: TestRequest, agent?: http.Agent): Promise<TestResponse> {
  const { body, headers } = requestBody(req);
  const url = new URL(req.path, baseUrl);
  const addresses = pinned.get(url.hostname.toLowerCase());
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const options: http.RequestOptions = { method: req.method, headers, agent: agent ?? false };
    if (addresses) options.lookup = pinnedLookup(addresses);
    const r = http.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const flat: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers))
          if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers: flat,
          body: text,
          json: parseJson(text),
          durationMs: performance.now() - started,
        });
      });
    });
    r.setTimeout(req.timeoutMs ?? 10_000, () =>
      r.destroy(new Error(`no response within ${req.timeoutMs ?? 10_000} ms`)),
    );
    r.on('error', reject);
    r.end(body);
  });
}

/** Sends a request and returns the full exchange record (request, curl, response or error). */
export async function exchange(baseUrl: string, req: TestRequest): Promise<Exchange> {
  const { body, headers } = requestBody(req);
  const url = new URL(req.path, baseUrl).toString();
  const record: Exchange = { method: req.method, url, headers, curl: toCurl(req.method, url, headers, body) };
  if (body !== undefined) record.body = body;
  try {
    record.response = await send(baseUrl, req);
  } catch (err) {
    record.error = (err as Error).message;
  }
  return record;
}
