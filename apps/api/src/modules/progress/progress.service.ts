/**
 * Progress per topic: graded work completes a topic automatically (source `graded`); the learner
 * may also set a status by hand, which is kept as self-reported (source `self`) and never counts
 * as evidence. The computed view is cached per learner until the next write.
 */
import { AppError, notFound } from '../../errors.ts';
import { type CachedBody, cachedJson } from '../../lib/http-cache.ts';
import { computeProgress, type ProgressView } from './compute-progress.ts';
import { cacheKeys, invalidateLearner, type LearningContext } from './learning-context.ts';
import { listProgress, markGradedDone, setTopicStatus, type TopicStatus } from './progress.repository.ts';

const PROGRESS_TTL_SECONDS = 300;

export class ProgressService {
  readonly #ctx: LearningContext;

  constructor(ctx: LearningContext) {
    this.#ctx = ctx;
  }

  /**
   * The learner's progress serialised once with an ETag and cached until their next write, so a
   * read costs a cache lookup and a socket write (and a 304 when the client already has it).
   */
  async cached(userId: string): Promise<CachedBody> {
    const key = cacheKeys.progress(userId);
    const hit = await this.#ctx.cache.get<{ json: string; etag: string }>(key);
    if (hit) return { body: Buffer.from(hit.json), etag: hit.etag };
    const fresh = cachedJson(computeProgress(this.#ctx.content, await listProgress(this.#ctx.db, userId)));
    await this.#ctx.cache.set(key, { json: fresh.body.toString('utf8'), etag: fresh.etag }, PROGRESS_TTL_SECONDS);
    return fresh;
  }

  async view(userId: string): Promise<ProgressView> {
    return JSON.parse((await this.cached(userId)).body.toString('utf8')) as ProgressView;
  }

  async set(userId: string, topicIdIn: string, status: TopicStatus, timeZone: string | undefined) {
    const topicId = this.#ctx.content.resolve(topicIdIn);
    if (!topicId || !this.#ctx.content.curriculum.topics.has(topicId)) {
      if (this.#ctx.content.curriculum.idMap.retired.includes(topicIdIn)) {
        throw new AppError('gone', `Topic "${topicIdIn}" was retired from the roadmap.`);
      }
      throw notFound('Topic', topicIdIn);
    }
    const oldIds = this.#ctx.content.aliases(topicId).filter((id) => id !== topicId);
    // "Done" is graded only when the topic's graded work really passed; otherwise it is the
    // learner's word for it, stored and shown as self-reported.
    const source = status === 'done' && (await this.gradedWorkPassed(userId, topicId)) ? 'graded' : 'self';
    await setTopicStatus(this.#ctx.db, userId, timeZone, topicId, status, source, oldIds);
    await invalidateLearner(this.#ctx, userId);
    return { topicId, status, source };
  }

  /**
   * Whether every exercise of the topic has a passing submit and its quiz (if any) a passing
   * attempt, graded here (imported work does not count). A topic without graded work never passes:
   * it can only be self-reported.
   */
  async gradedWorkPassed(userId: string, topicId: string): Promise<boolean> {
    const { content, db } = this.#ctx;
    const exercises = content.topicExercises(topicId);
    const quiz = content.topicQuiz(topicId);
    if (exercises.length === 0 && !quiz) return false;
    if (exercises.length > 0) {
      const rows = await db.query<{ exercise_id: string }>(
        `SELECT DISTINCT exercise_id FROM submissions
         WHERE user_id = $1 AND exercise_id = ANY($2::text[]) AND mode = 'submit' AND verdict = 'pass'
           AND NOT imported`,
        [userId, exercises.flatMap((id) => content.aliases(id))],
      );
      const passed = new Set(rows.map((r) => content.resolve(r.exercise_id)));
      if (!exercises.every((id) => passed.has(id))) return false;
    }
    if (quiz) {
      const [row] = await db.query(
        'SELECT 1 FROM quiz_attempts WHERE user_id = $1 AND quiz_id = ANY($2::text[]) AND passed AND NOT imported LIMIT 1',
        [userId, content.aliases(quiz)],
      );
      if (!row) return false;
    }
    return true;
  }

  /**
   * Called after a passing submit or quiz attempt: marks the topic done on graded evidence when all
   * of its graded work has passed (a self-reported "done" becomes a passed one). Answers whether the
   * topic's recorded completion changed.
   */
  async autoComplete(userId: string, topicId: string): Promise<boolean> {
    const { content, db } = this.#ctx;
    if (!(await this.gradedWorkPassed(userId, topicId))) return false;
    const changed = await markGradedDone(db, userId, content.aliases(topicId), topicId);
    if (changed) await invalidateLearner(this.#ctx, userId);
    return changed;
  }
}
