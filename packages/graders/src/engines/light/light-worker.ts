/** Worker thread for the light engines (redis, document, config): cheap to start, run off the event loop. */
import { serveWorker } from '../../pool/serve-worker.ts';
import type { Verdict } from '../../results.ts';
import { gradeLightJob, type LightJob } from './light-job.ts';

await serveWorker<LightJob, Verdict>(
  async () => {},
  async (job) => ({ value: await gradeLightJob(job) }),
);
