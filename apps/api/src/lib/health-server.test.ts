import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startHealthServer } from './health-server.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function start(state: { db: boolean; closing: boolean; hang?: boolean }) {
  server = await startHealthServer({
    port: 0,
    host: '127.0.0.1',
    closing: () => state.closing,
    checks: [
      {
        name: 'database',
        timeoutMs: 200,
        check: async () => {
          if (state.hang) await new Promise(() => {});
          if (!state.db) throw new Error('down');
        },
      },
      { name: 'redis', timeoutMs: 200, check: async () => 'PONG' },
    ],
    gauges: () => ({ backpath_worker_running_gradings: 2 }),
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return (path: string) => fetch(base + path);
}

describe('the worker health server', () => {
  it('is live and ready while its dependencies answer', async () => {
    const get = await start({ db: true, closing: false });
    expect((await get('/healthz')).status).toBe(200);
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok' } });
  });

  it('is live but not ready when a dependency fails or hangs, naming it', async () => {
    const state = { db: false, closing: false, hang: false };
    const get = await start(state);
    expect((await get('/healthz')).status).toBe(200);
    const down = await get('/readyz');
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({
      error: {
        code: 'service_unavailable',
        message: 'Not reachable: database.',
        details: { checks: { database: 'unreachable', redis: 'ok' } },
      },
    });
    state.db = true;
    state.hang = true;
    expect((await get('/readyz')).status).toBe(503);
  });

  it('fails both probes while shutting down, so no new work is routed to it', async () => {
    const get = await start({ db: true, closing: true });
    expect((await get('/healthz')).status).toBe(503);
    expect((await get('/readyz')).status).toBe(503);
  });

  it('serves gauges for Prometheus and a clear 404 elsewhere', async () => {
    const get = await start({ db: true, closing: false });
    expect(await (await get('/metrics')).text()).toContain('backpath_worker_running_gradings 2');
    const missing = await get('/nope');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toContain('/healthz');
  });
});
