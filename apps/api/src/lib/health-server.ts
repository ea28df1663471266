/**
 * Liveness and readiness for a process that serves no HTTP of its own (the grader worker), so an
 * orchestrator can probe it like the API: `/healthz` answers while the process runs and is not
 * shutting down; `/readyz` runs the dependency checks (database, Redis) with a deadline each, and
 * `/metrics` prints a few gauges in Prometheus' text format. Errors use the API's one error shape.
 */
import { createServer, type Server } from 'node:http';

export interface HealthCheck {
  name: string;
  check: () => Promise<unknown>;
  timeoutMs: number;
}

export interface HealthServerOptions {
  port: number;
  host: string;
  checks: HealthCheck[];
  /** True once the process has started shutting down: liveness fails so no new work is routed here. */
  closing: () => boolean;
  /** Gauges for `/metrics`, read at each scrape. */
  gauges?: () => Record<string, number>;
}

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

async function readiness(checks: HealthCheck[]) {
  const results = await Promise.allSettled(checks.map((c) => within(Promise.resolve().then(c.check), c.timeoutMs)));
  const status = Object.fromEntries(
    checks.map((c, i) => [c.name, results[i]!.status === 'fulfilled' ? 'ok' : 'unreachable']),
  );
  const failing = checks.filter((_, i) => results[i]!.status === 'rejected').map((c) => c.name);
  return { failing, status };
}

export function startHealthServer(opts: HealthServerOptions): Promise<Server> {
  const server = createServer(async (req, res) => {
    const send = (code: number, body: unknown, type = 'application/json') => {
      res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const unavailable = (message: string, details: unknown) =>
      send(503, { error: { code: 'service_unavailable', message, details } });
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(405, { error: { code: 'method_not_allowed', message: 'Only GET is served here.' } });
    }
    if (path === '/healthz') {
      return opts.closing() ? unavailable('Shutting down.', {}) : send(200, { status: 'ok' });
    }
    if (path === '/readyz') {
      if (opts.closing()) return unavailable('Shutting down.', {});
      const { failing, status } = await readiness(opts.checks);
      if (failing.length > 0) return unavailable(`Not reachable: ${failing.join(', ')}.`, { checks: status });
      return send(200, { status: 'ok', checks: status });
    }
    if (path === '/metrics') {
      const lines = Object.entries(opts.gauges?.() ?? {}).flatMap(([name, value]) => [
        `# TYPE ${name} gauge`,
        `${name} ${value}`,
      ]);
      return send(200, `${lines.join('\n')}\n`, 'text/plain; version=0.0.4');
    }
    return send(404, { error: { code: 'not_found', message: `No route ${path}: try /healthz, /readyz or /metrics.` } });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve(server));
  });
}
