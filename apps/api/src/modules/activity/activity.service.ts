/** The activity heatmap and streaks, in the learner's zone; the streak is cached until the next write. */
import { AppError } from '../../errors.ts';
import { cacheKeys, type LearningContext } from '../progress/learning-context.ts';
import * as repo from './activity.repository.ts';
import { streaks } from './streak.ts';

const STREAK_TTL_SECONDS = 300;

export interface Streak {
  current: number;
  longest: number;
  today: string;
  activeToday: boolean;
}

export class ActivityService {
  readonly #ctx: LearningContext;

  constructor(ctx: LearningContext) {
    this.#ctx = ctx;
  }

  async streak(userId: string, timeZone: string | undefined): Promise<Streak> {
    const today = await repo.localToday(this.#ctx.db, userId, timeZone);
    // One key per learner, so every write's invalidation reaches it; a streak cached before the
    // learner's midnight is not used after it.
    const key = cacheKeys.activity(userId);
    const hit = await this.#ctx.cache.get<Streak>(key);
    if (hit?.today === today) return hit;
    const days = await repo.recentDays(this.#ctx.db, userId);
    const value = { ...streaks(days, today), today, activeToday: days[0] === today };
    await this.#ctx.cache.set(key, value, STREAK_TTL_SECONDS);
    return value;
  }

  async heatmap(userId: string, timeZone: string | undefined, year?: number) {
    const streak = await this.streak(userId, timeZone);
    const y = year ?? Number(streak.today.slice(0, 4));
    if (y < 2000 || y > 2100) throw new AppError('validation_failed', 'year must be between 2000 and 2100.');
    const days = await repo.activityDays(this.#ctx.db, userId, `${y}-01-01`, `${y}-12-31`);
    return {
      year: y,
      timeZone: timeZone ?? (await repo.getTimeZone(this.#ctx.db, userId)),
      days: days.map((d) => ({ date: d.day, count: d.actions })),
      streak: { current: streak.current, longest: streak.longest, activeToday: streak.activeToday },
    };
  }

  async setTimeZone(userId: string, timeZone: string) {
    await repo.setTimeZone(this.#ctx.db, userId, timeZone);
    await this.#ctx.cache.del(cacheKeys.activity(userId));
    return { timeZone };
  }
}
