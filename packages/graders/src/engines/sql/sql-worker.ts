/** Worker thread for the sql engine: one warm PGlite instance serving grading jobs. */
import { workerData } from 'node:worker_threads';
import { serveWorker } from '../../pool/serve-worker.ts';
import type { Verdict } from '../../results.ts';
import { gradeSqlJob, warmSqlJob } from './grade-sql-job.ts';
import type { SqlJob } from './job.ts';
import { lockToLearner } from './learner-lock.ts';
import { openPglite } from './pglite-base.ts';
import { SqlSandbox } from './sandbox.ts';

let sandbox: SqlSandbox;

await serveWorker<SqlJob, Verdict>(
  async () => {
    const db = await openPglite();
    // From here on the backend runs as `learner` and cannot get back to the superuser.
    sandbox = new SqlSandbox(db, await lockToLearner(db));
    // Exercises graded recently (oldest first): seeded now, off any learner's clock.
    for (const job of (workerData as { warm?: SqlJob[] } | undefined)?.warm ?? []) {
      await warmSqlJob(sandbox, job).catch(() => {});
    }
    if (sandbox.discarded) throw new Error('the sql sandbox was discarded while warming up');
  },
  async (job, started) => {
    const { verdict, tainted } = await gradeSqlJob(sandbox, job, started);
    return { value: verdict, recycle: tainted };
  },
);
