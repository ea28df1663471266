import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool } from './worker-pool.ts';

const workerUrl = new URL('./fixtures/test-worker.ts', import.meta.url);
type Req = { op: string; value?: unknown; ms?: number };
let pool: WorkerPool<Req, unknown> | undefined;

function makePool(size: number, maxQueue: number, extra: object = {}) {
  pool = new WorkerPool<Req, unknown>({ name: 'test', workerUrl, size, maxQueue, ...extra });
  return pool;
}

afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('WorkerPool', () => {
  it('runs jobs on warm workers and reports stats', async () => {
    const p = makePool(2, 4);
    await p.ready();
    const out = await p.run({ op: 'echo', value: 42 }, { timeoutMs: 5000 });
    expect(out.ok && (out.value as { echo: number }).echo).toBe(42);
    expect(p.stats()).toMatchObject({ size: 2, busy: 0, queued: 0, completed: 1, restarts: 0 });
  });

  it('terminates a runaway job at its time limit and replaces the worker', async () => {
    const p = makePool(1, 4);
    await p.ready();
    const out = await p.run({ op: 'spin' }, { timeoutMs: 300 });
    expect(out).toMatchObject({ ok: false, reason: 'timeout' });
    expect(p.stats().restarts).toBe(1);
    const next = await p.run({ op: 'echo', value: 'after' }, { timeoutMs: 5000 });
    expect(next.ok && (next.value as { echo: string }).echo).toBe('after');
  });

  it('does not count preparation before `started` against the time limit', async () => {
    const p = makePool(1, 2);
    await p.ready();
    const out = await p.run({ op: 'prepare', ms: 600 }, { timeoutMs: 200, prepareMs: 10_000 });
    expect(out).toEqual({ ok: true, value: 'prepared' });
    const slow = await p.run({ op: 'sleep', ms: 600 }, { timeoutMs: 200 });
    expect(slow).toMatchObject({ ok: false, reason: 'timeout' });
  });

  it('answers busy once the bounded queue is full', async () => {
    const p = makePool(1, 1);
    await p.ready();
    const running = p.run({ op: 'sleep', ms: 300 }, { timeoutMs: 5000 });
    const queued = p.run({ op: 'echo', value: 1 }, { timeoutMs: 5000 });
    const rejected = await p.run({ op: 'echo', value: 2 }, { timeoutMs: 5000 });
    expect(rejected).toMatchObject({ ok: false, reason: 'busy' });
    expect((await running).ok).toBe(true);
    expect((await queued).ok).toBe(true);
  });

  it('recovers from a worker that exits mid-job', async () => {
    const p = makePool(1, 2);
    await p.ready();
    const out = await p.run({ op: 'crash' }, { timeoutMs: 5000 });
    expect(out).toMatchObject({ ok: false, reason: 'crashed' });
    const next = await p.run({ op: 'echo', value: 'ok' }, { timeoutMs: 5000 });
    expect(next.ok).toBe(true);
    expect(p.stats().restarts).toBeGreaterThanOrEqual(1);
  });

  it('reports memory when a worker exceeds its heap limit, then keeps serving', async () => {
    const p = makePool(1, 2, { resourceLimits: { maxOldGenerationSizeMb: 32 } });
    await p.ready();
    const out = await p.run({ op: 'oom' }, { timeoutMs: 20_000 });
    expect(out).toMatchObject({ ok: false, reason: 'memory' });
    expect((await p.run({ op: 'echo' }, { timeoutMs: 5000 })).ok).toBe(true);
  });

  it('replaces a worker that asks to be recycled and passes handler errors through', async () => {
    const p = makePool(1, 2);
    await p.ready();
    const first = await p.run({ op: 'echo' }, { timeoutMs: 5000 });
    const bye = await p.run({ op: 'recycle' }, { timeoutMs: 5000 });
    expect(bye).toEqual({ ok: true, value: 'bye' });
    const failed = await p.run({ op: 'throw' }, { timeoutMs: 5000 });
    expect(failed).toMatchObject({ ok: false, message: 'handler failed' });
    expect(p.stats().restarts).toBe(2);
    expect(first.ok).toBe(true);
  });
});
