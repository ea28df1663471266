/**
 * Wires the Learning API: one context (database, curriculum index, aggregate cache), the services,
 * the grading queue (in-process when embedded; BullMQ on Redis in server mode, with a grading worker
 * here only when GRADING_IN_API), the sweep that re-queues pending submissions on start and every
 * GRADING_SWEEP_SECONDS, and every learning route.
 */
import type { Curriculum } from '@backpath/curriculum';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { type Cache, createCache } from '../../lib/cache.ts';
import { activityRoutes } from '../activity/activity.routes.ts';
import { ActivityService } from '../activity/activity.service.ts';
import { cohortsRoutes } from '../cohorts/cohorts.routes.ts';
import { CohortsService } from '../cohorts/cohorts.service.ts';
import { CommentsService } from '../cohorts/comments.service.ts';
import { credentialsRoutes } from '../credentials/credentials.routes.ts';
import { CredentialsService } from '../credentials/credentials.service.ts';
import { dashboardRoutes } from '../dashboard/dashboard.routes.ts';
import { exercisesRoutes } from '../exercises/exercises.routes.ts';
import { learningExportRoutes } from '../learning-export/learning-export.routes.ts';
import { notesRoutes } from '../notes/notes.routes.ts';
import { notificationsRoutes } from '../notifications/notifications.routes.ts';
import { NotificationsService } from '../notifications/notifications.service.ts';
import { portfolioRoutes } from '../portfolio/portfolio.routes.ts';
import { PortfolioService } from '../portfolio/portfolio.service.ts';
import { projectsRoutes } from '../projects/projects.routes.ts';
import { quizzesRoutes } from '../quizzes/quizzes.routes.ts';
import { QuizzesService } from '../quizzes/quizzes.service.ts';
import { reviewRoutes } from '../review/review.routes.ts';
import { ReviewService } from '../review/review.service.ts';
import { searchRoutes } from '../search/search.routes.ts';
import { SearchService } from '../search/search.service.ts';
import { BullGradingQueue } from '../submissions/bullmq-grading-queue.ts';
import type { GraderLike } from '../submissions/grader.ts';
import { DEFAULT_RETRY, type GradingQueue, InProcessGradingQueue } from '../submissions/grading-queue.ts';
import { startGradingSweep, sweepOnce } from '../submissions/grading-sweep.ts';
import { type GradingWorker, startGradingWorker } from '../submissions/grading-worker.ts';
import { submissionsRoutes } from '../submissions/submissions.routes.ts';
import { SubmissionsService } from '../submissions/submissions.service.ts';
import { ContentIndex } from './content-index.ts';
import type { LearningContext } from './learning-context.ts';
import { progressRoutes } from './progress.routes.ts';
import { ProgressService } from './progress.service.ts';

export interface LearningDeps {
  config: Config;
  db: Database;
  curriculum: Curriculum;
  /** Absent: submissions answer 503 (the rest of the API works). */
  graders?: GraderLike;
  /** Defaults to Redis when REDIS_URL is set, else an in-memory LRU. */
  cache?: Cache;
  /** How many submissions grade at once in this process (default: GRADING_CONCURRENCY). */
  gradingConcurrency?: number;
}

export async function registerLearning(app: FastifyInstance, deps: LearningDeps): Promise<void> {
  const ownCache = !deps.cache;
  const ctx: LearningContext = {
    db: deps.db,
    config: deps.config,
    content: new ContentIndex(deps.curriculum),
    cache: deps.cache ?? createCache(deps.config.redisUrl, `${deps.config.redisKeyPrefix}cache:`, app.log),
  };
  const progress = new ProgressService(ctx);
  const activity = new ActivityService(ctx);
  const review = new ReviewService(ctx);
  const quizzes = new QuizzesService(ctx, progress, review);
  const credentials = new CredentialsService(ctx);
  const portfolio = new PortfolioService(ctx, credentials);
  const cohorts = new CohortsService(ctx, progress);
  const comments = new CommentsService(ctx);
  const submissions = new SubmissionsService(ctx, deps.graders, {
    onGraderError: (err, id) => app.log.error({ err, submissionId: id }, 'the grader failed; recorded as failed'),
    onEnqueueError: (err, id) => app.log.warn({ err, submissionId: id }, 'could not enqueue; the sweep will'),
  });
  const { grading, redisUrl, redisKeyPrefix } = deps.config;
  const concurrency = deps.gradingConcurrency ?? grading.concurrency;
  let queue: GradingQueue | undefined;
  let worker: GradingWorker | undefined;
  if (redisUrl) {
    // While Redis is away every reconnect attempt errors: one line per 30 s is enough.
    let lastLogged = 0;
    queue = new BullGradingQueue({
      redisUrl,
      keyPrefix: redisKeyPrefix,
      retry: DEFAULT_RETRY,
      onError: (err) => {
        if (Date.now() - lastLogged < 30_000) return;
        lastLogged = Date.now();
        app.log.warn({ err: err.message }, 'grading queue: Redis error (submissions are kept and swept later)');
      },
    });
    // GRADING_IN_API: this process also consumes the shared queue (one process with Redis, no worker).
    if (deps.graders) {
      worker = startGradingWorker({
        redisUrl,
        keyPrefix: redisKeyPrefix,
        concurrency,
        lockMs: grading.lockMs,
        process: async (id) => (await submissions.grade(id)) !== undefined,
        log: app.log,
      });
    }
  } else if (deps.graders) {
    queue = new InProcessGradingQueue({
      concurrency,
      process: (id) => submissions.grade(id),
      onError: (err, id, willRetry) =>
        app.log.error({ err, submissionId: id, willRetry }, 'grading could not be recorded'),
    });
  }
  submissions.queue = queue;

  let stopSweep = () => {};
  app.addHook('onReady', async () => {
    if (!queue) return;
    // Submissions a previous process accepted but never finished are graded now (at least once);
    // after that, the sweep catches what an outage or a killed worker left behind.
    const sweep = { db: ctx.db, queue, queuedSeconds: grading.sweepSeconds, gradingSeconds: grading.staleSeconds };
    await sweepOnce({ ...sweep, queuedSeconds: 0, gradingSeconds: redisUrl ? grading.staleSeconds : 0 }).catch(
      (err: unknown) => app.log.warn({ err }, 'could not re-queue pending submissions; the sweep will retry'),
    );
    stopSweep = startGradingSweep({
      ...sweep,
      everySeconds: grading.sweepSeconds,
      onRecovered: (count) => app.log.info({ count }, 'pending submissions handed to the grading queue'),
      onError: (err) => app.log.warn({ err }, 'grading sweep failed; trying again later'),
    });
  });
  app.addHook('onClose', async () => {
    stopSweep();
    await worker?.close();
    await queue?.close();
    if (ownCache) await ctx.cache.close();
  });

  await app.register(progressRoutes, { progress });
  await app.register(exercisesRoutes, { content: ctx.content });
  await app.register(submissionsRoutes, { submissions });
  await app.register(quizzesRoutes, { quizzes });
  await app.register(reviewRoutes, { review });
  await app.register(notesRoutes, { ctx });
  await app.register(activityRoutes, { activity });
  await app.register(dashboardRoutes, { ctx, progress, activity });
  await app.register(credentialsRoutes, { credentials });
  await app.register(portfolioRoutes, { portfolio });
  await app.register(cohortsRoutes, { cohorts, comments });
  await app.register(learningExportRoutes, { ctx });
  const search = new SearchService(ctx.db, deps.curriculum);
  // The curriculum's search rows follow content/: rebuilt here when it changed since the last start.
  app.addHook('onReady', async () => {
    // Search is not worth refusing to start over: a failed rebuild is logged and tried at the next start.
    await search.ensureIndex().then(
      (rebuilt) => rebuilt && app.log.info('search index rebuilt for the current curriculum'),
      (err: unknown) => app.log.warn({ err }, 'search index could not be rebuilt; search may be out of date'),
    );
  });
  await app.register(searchRoutes, { search });
  await app.register(notificationsRoutes, { notifications: new NotificationsService(ctx, review) });
  await app.register(projectsRoutes, { ctx });
}
