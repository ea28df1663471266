/**
 * A QuickJS grading worker: loads the WASM module once (warm), then grades one job at a time with
 * a fresh runtime each, asking to be replaced after a run that may have grown or broken its heap.
 */

import type { GradeResult } from '@backpath/contracts';
import type { QuickJSWASMModule } from 'quickjs-emscripten';
import { serveWorker } from '../pool/serve-worker.ts';
import { loadQuickJS } from './quickjs.ts';
import { runJob, type SandboxJob } from './run-job.ts';
import { errorResult, limitMessage } from './verdict.ts';

let qjs: QuickJSWASMModule | undefined;

await serveWorker<SandboxJob, GradeResult>(
  async () => {
    qjs = await loadQuickJS();
  },
  async (job) => {
    const start = performance.now();
    try {
      return runJob(qjs as QuickJSWASMModule, job);
    } catch (error) {
      // A host-side exception means the WASM module itself may be broken: answer, then get replaced.
      const outOfMemory = error instanceof Error && /memory/i.test(error.message);
      const result = outOfMemory
        ? errorResult('memory_limit', limitMessage('memory_limit', job.limits), [], start)
        : errorResult('internal', 'The grader failed unexpectedly. Please try again.', [], start);
      return { value: result, recycle: true };
    }
  },
);
