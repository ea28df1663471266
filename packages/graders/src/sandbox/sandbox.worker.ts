/**
 * A QuickJS grading worker: loads the WASM module once (warm), then grades one job at a time with
 * a fresh runtime each, asking to be replaced after a run that may have grown or broken its heap.
 */
import { parentPort } from 'node:worker_threads';
import { loadQuickJS } from './quickjs.ts';
import { runJob, type SandboxJob } from './run-job.ts';

const port = parentPort;
if (!port) throw new Error('sandbox.worker.ts must run in a worker thread');

const qjs = await loadQuickJS();

port.on('message', (message: { id: number; request: SandboxJob }) => {
  const { id, request } = message;
  try {
    const { result, recycle } = runJob(qjs, request);
    port.postMessage({ id, value: result, recycle });
  } catch (error) {
    // An exception here means the WASM module itself may be broken: reply, then get replaced.
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error), recycle: true });
  }
});

port.postMessage({ type: 'ready' });
