/**
 * What every learning module shares: the database, the curriculum index, the aggregate cache and
 * config. Per-user aggregates are cached under keys named here so every write invalidates them all.
 */
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import type { Cache } from '../../lib/cache.ts';
import type { ContentIndex } from './content-index.ts';

export interface LearningContext {
  db: Database;
  content: ContentIndex;
  cache: Cache;
  config: Config;
}

export const cacheKeys = {
  progress: (userId: string) => `progress:${userId}`,
  activity: (userId: string) => `activity:${userId}`,
};

/** Called after any write that changes a learner's completion or activity. */
export async function invalidateLearner(ctx: LearningContext, userId: string): Promise<void> {
  await ctx.cache.del(cacheKeys.progress(userId), cacheKeys.activity(userId));
}
