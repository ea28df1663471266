/**
 * The in-process queue: bounded concurrency, round-robin between learners, `run` ahead of submits,
 * retry with backoff when the processor throws, settle notifications, recovery and a clean close.
 */
import { describe, expect, it } from 'vitest';
import { type GradingJob, InProcessGradingQueue } from './grading-queue.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const job = (submissionId: string, learnerId = 'learner'): GradingJob => ({ submissionId, learnerId });
const tick = () => new Promise((r) => setImmediate(r));

/** A processor whose jobs finish only when the test says so, recording the order they started in. */
function gated() {
  const gates = new Map<string, ReturnType<typeof deferred>>();
  const started: string[] = [];
  return {
    started,
    process: async (id: string) => {
      started.push(id);
      const gate = deferred();
      gates.set(id, gate);
      await gate.promise;
    },
    /** Finishes the oldest running job. */
    finishOne: async () => {
      const [id, gate] = gates.entries().next().value!;
      gates.delete(id);
      gate.resolve();
      await tick();
    },
    running: () => gates.size,
    finishAll: () => {
      for (const gate of gates.values()) gate.resolve();
      gates.clear();
    },
  };
}

describe('InProcessGradingQueue', () => {
  it('never runs more jobs at once than its concurrency, and runs them all', async () => {
    const p = gated();
    let peak = 0;
    const queue = new InProcessGradingQueue({
      concurrency: 2,
      process: async (id) => {
        peak = Math.max(peak, p.running() + 1);
        await p.process(id);
      },
    });
    const settled = ['a', 'b', 'c', 'd'].map((id) => new Promise<void>((r) => queue.onSettled(id, r)));
    for (const id of ['a', 'b', 'c', 'd']) await queue.enqueue(job(id));
    expect(queue.stats()).toEqual({ running: 2, waiting: 2 });
    while (p.started.length < 4 || p.running() > 0) await p.finishOne();
    await Promise.all(settled);
    expect(peak).toBe(2);
    expect(p.started.sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('takes learners in turn: one learner with ten slow jobs does not hold back another learner', async () => {
    const p = gated();
    const queue = new InProcessGradingQueue({ concurrency: 2, process: p.process });
    for (let i = 0; i < 10; i++) await queue.enqueue(job(`a${i}`, 'A'));
    await queue.enqueue(job('b0', 'B'));
    expect(p.started).toEqual(['a0', 'a1']);
    // The first slot that frees up goes to B, not to A's third runaway loop.
    await p.finishOne();
    expect(p.started).toEqual(['a0', 'a1', 'b0']);
    // Then A again, B having nothing more waiting.
    await p.finishOne();
    expect(p.started.slice(3)).toEqual(['a2']);
    const closing = queue.close();
    p.finishAll();
    await closing;
  });

  it('alternates between three learners with backlogs, in the order they first arrived', async () => {
    const p = gated();
    const queue = new InProcessGradingQueue({ concurrency: 1, process: p.process });
    for (const learner of ['A', 'B', 'C']) {
      for (let i = 0; i < 3; i++) await queue.enqueue(job(`${learner}${i}`, learner));
    }
    while (p.started.length < 9) await p.finishOne();
    expect(p.started).toEqual(['A0', 'B0', 'C0', 'A1', 'B1', 'C1', 'A2', 'B2', 'C2']);
    p.finishAll();
    await queue.close();
  });

  it('puts a `run` (a request is waiting on it) ahead of every waiting submit', async () => {
    const p = gated();
    const queue = new InProcessGradingQueue({ concurrency: 1, process: p.process });
    for (let i = 0; i < 3; i++) await queue.enqueue(job(`s${i}`, 'A'));
    await queue.enqueue({ submissionId: 'r', learnerId: 'B', mode: 'run' });
    await p.finishOne();
    expect(p.started).toEqual(['s0', 'r']);
    const closing = queue.close();
    p.finishAll();
    await closing;
  });

  it('ignores an id it already holds, waiting or running', async () => {
    const p = gated();
    const queue = new InProcessGradingQueue({ concurrency: 1, process: p.process });
    await queue.enqueue(job('x'));
    await queue.enqueue(job('y'));
    expect(await queue.recover([job('x'), job('y'), job('z')])).toBe(1);
    while (p.started.length < 3 || p.running() > 0) await p.finishOne();
    expect(p.started).toEqual(['x', 'y', 'z']);
  });

  it('retries a job whose processor throws, with growing waits, then settles it', async () => {
    const attempts: number[] = [];
    const errors: string[] = [];
    const started = performance.now();
    const queue = new InProcessGradingQueue({
      retry: { attempts: 4, backoffMs: 20 },
      process: async () => {
        attempts.push(performance.now() - started);
        if (attempts.length < 3) throw new Error('database unavailable');
      },
      onError: (err, id, willRetry) => errors.push(`${id}: ${(err as Error).message} retry=${willRetry}`),
    });
    const settled = new Promise<void>((r) => queue.onSettled('x', r));
    await queue.enqueue(job('x'));
    await settled;
    expect(attempts).toHaveLength(3);
    // Waits of 20 ms then 40 ms: each retry waits twice as long as the one before.
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(19);
    expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(39);
    expect(errors).toEqual(['x: database unavailable retry=true', 'x: database unavailable retry=true']);
  });

  it('gives up after its tries without settling, and takes the id again when the sweep brings it back', async () => {
    let fail = true;
    const seen: string[] = [];
    const queue = new InProcessGradingQueue({
      retry: { attempts: 2, backoffMs: 5 },
      process: async (id) => {
        seen.push(id);
        if (fail) throw new Error('database unavailable');
      },
    });
    let settledEarly = false;
    queue.onSettled('x', () => {
      settledEarly = fail;
    });
    await queue.enqueue(job('x'));
    for (let i = 0; i < 20 && seen.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 30));
    expect(seen).toEqual(['x', 'x']);
    expect(queue.stats()).toEqual({ running: 0, waiting: 0 });
    fail = false;
    const settled = new Promise<void>((r) => queue.onSettled('x', r));
    expect(await queue.recover([job('x')])).toBe(1);
    await settled;
    expect(seen).toEqual(['x', 'x', 'x']);
    expect(settledEarly).toBe(false);
  });

  it('close waits for in-flight work, drops what had not started and cancels pending retries', async () => {
    const gate = deferred();
    const started: string[] = [];
    const queue = new InProcessGradingQueue({
      concurrency: 1,
      retry: { attempts: 3, backoffMs: 50 },
      process: async (id) => {
        started.push(id);
        if (id === 'flaky') throw new Error('database unavailable');
        await gate.promise;
      },
    });
    await queue.enqueue(job('flaky', 'B'));
    await tick();
    await queue.enqueue(job('first'));
    await queue.enqueue(job('second'));
    const closing = queue.close();
    gate.resolve();
    await closing;
    await new Promise((r) => setTimeout(r, 80));
    expect(started).toEqual(['flaky', 'first']);
  });
});
