/** The in-process queue: bounded concurrency, settle notifications, recovery and a clean close. */
import { describe, expect, it } from 'vitest';
import { InProcessGradingQueue } from './grading-queue.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('InProcessGradingQueue', () => {
  it('never runs more jobs at once than its concurrency, and runs them all', async () => {
    const gates = new Map<string, ReturnType<typeof deferred>>();
    let running = 0;
    let peak = 0;
    const done: string[] = [];
    const queue = new InProcessGradingQueue({
      concurrency: 2,
      process: async (id) => {
        running++;
        peak = Math.max(peak, running);
        const gate = deferred();
        gates.set(id, gate);
        await gate.promise;
        running--;
        done.push(id);
      },
    });
    const settled = ['a', 'b', 'c', 'd'].map((id) => new Promise<void>((r) => queue.onSettled(id, r)));
    for (const id of ['a', 'b', 'c', 'd']) await queue.enqueue(id);
    expect(queue.stats()).toEqual({ running: 2, waiting: 2 });
    while (done.length < 4) {
      for (const [id, gate] of gates) {
        gates.delete(id);
        gate.resolve();
      }
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(settled);
    expect(peak).toBe(2);
    expect(done.sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('settles a job whose processor throws, and reports the error', async () => {
    const errors: string[] = [];
    const queue = new InProcessGradingQueue({
      process: async () => {
        throw new Error('engine crashed');
      },
      onError: (err, id) => errors.push(`${id}: ${(err as Error).message}`),
    });
    const settled = new Promise<void>((r) => queue.onSettled('x', r));
    await queue.recover(['x']);
    await settled;
    expect(errors).toEqual(['x: engine crashed']);
  });

  it('close waits for in-flight work and drops what had not started', async () => {
    const gate = deferred();
    const started: string[] = [];
    const queue = new InProcessGradingQueue({
      concurrency: 1,
      process: async (id) => {
        started.push(id);
        await gate.promise;
      },
    });
    await queue.enqueue('first');
    await queue.enqueue('second');
    const closing = queue.close();
    gate.resolve();
    await closing;
    expect(started).toEqual(['first']);
  });
});
