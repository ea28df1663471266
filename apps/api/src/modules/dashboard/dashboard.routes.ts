/** GET /api/dashboard — one call for the learner's home: completion, streak, recent submissions, next topic. */
import type { FastifyInstance } from 'fastify';
import type { ActivityService } from '../activity/activity.service.ts';
import { headerTimeZone } from '../activity/time-zone.ts';
import { currentUser } from '../progress/current-user.ts';
import type { LearningContext } from '../progress/learning-context.ts';
import type { ProgressService } from '../progress/progress.service.ts';
import { recentSubmissions } from '../submissions/submissions.repository.ts';

export async function dashboardRoutes(
  app: FastifyInstance,
  opts: { ctx: LearningContext; progress: ProgressService; activity: ActivityService },
) {
  const { ctx, progress, activity } = opts;
  app.get(
    '/api/dashboard',
    {
      config: { access: 'user' },
      schema: { tags: ['dashboard'], summary: 'My completion, streak, recent submissions and the next topic to study' },
    },
    async (req) => {
      const userId = currentUser(req).id;
      const [view, streak, recent] = await Promise.all([
        progress.view(userId),
        activity.streak(userId, headerTimeZone(req)),
        recentSubmissions(ctx.db, userId, 5),
      ]);
      const status = new Map(view.stages.flatMap((s) => s.topics.map((t) => [t.id, t.status] as const)));
      // The first topic in roadmap order that is neither done nor skipped; one in progress comes first.
      const open = ctx.content.topicOrder.filter((id) => !['done', 'skipped'].includes(status.get(id) ?? ''));
      const nextId = open.find((id) => status.get(id) === 'learning') ?? open[0];
      const next = nextId ? ctx.content.curriculum.topics.get(nextId) : undefined;
      return {
        completion: view.overall,
        stages: view.stages.map(({ topics: _t, ...s }) => s),
        streak: { current: streak.current, longest: streak.longest, activeToday: streak.activeToday },
        recentSubmissions: recent.map((r) => ({
          id: r.id,
          exerciseId: r.exercise_id,
          title: ctx.content.curriculum.exercises.get(ctx.content.resolve(r.exercise_id) ?? '')?.title ?? r.exercise_id,
          mode: r.mode,
          status: r.status,
          verdict: r.verdict,
          createdAt: new Date(r.created_at).toISOString(),
        })),
        nextTopic: next ? { id: next.id, title: next.title, stageId: next.stageId, status: status.get(next.id) } : null,
      };
    },
  );
}
