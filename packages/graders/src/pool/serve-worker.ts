/**
 * The worker side of the pool protocol: warm up once, announce `ready`, then answer each job. A
 * handler may ask to be replaced after a job (e.g. when its state can no longer be trusted).
 */
import { parentPort } from 'node:worker_threads';

export interface HandlerReply<Res> {
  value: Res;
  /** Replace this worker after answering (its state was tainted by the job). */
  recycle?: boolean;
}

export async function serveWorker<Req, Res>(
  warmUp: () => Promise<void>,
  /** `started()` tells the pool that preparation is over and the time limit starts now. */
  handle: (request: Req, started: () => void) => Promise<HandlerReply<Res>>,
): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('serveWorker must run inside a worker thread');
  await warmUp();
  port.on('message', async (msg: { id: number; request: Req }) => {
    try {
      // `at`: when the learner's part began, on the clock the pool reads (same process, so the
      // same wall clock); the pool's deadline counts from here, not from when the message arrives.
      const started = () =>
        port.postMessage({ type: 'started', id: msg.id, at: performance.timeOrigin + performance.now() });
      const reply = await handle(msg.request, started);
      port.postMessage({ id: msg.id, value: reply.value, recycle: reply.recycle });
    } catch (err) {
      // A handler that threw may have left its state half-way: ask to be replaced.
      port.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err), recycle: true });
    }
  });
  port.postMessage({ type: 'ready' });
}
