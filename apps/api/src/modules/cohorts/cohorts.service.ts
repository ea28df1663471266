/**
 * Cohorts: a mentor creates one, learners join with the invite token, and the mentor sees each
 * current member's progress and submissions. Anyone outside the cohort gets a 404, not a 403, so
 * cohort and member ids cannot be probed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { AppError, notFound } from '../../errors.ts';
import { decodeCursor, toPage } from '../../lib/cursor.ts';
import type { CurrentUser } from '../progress/current-user.ts';
import type { LearningContext } from '../progress/learning-context.ts';
import type { ProgressService } from '../progress/progress.service.ts';
import { toView } from '../submissions/submission-view.ts';
import { listSubmits } from '../submissions/submissions.repository.ts';

interface CohortRow {
  id: string;
  name: string;
  invite_token: string;
  role: 'mentor' | 'learner';
}

export class CohortsService {
  readonly #ctx: LearningContext;
  readonly #progress: ProgressService;

  constructor(ctx: LearningContext, progress: ProgressService) {
    this.#ctx = ctx;
    this.#progress = progress;
  }

  #summary(c: CohortRow) {
    return {
      id: c.id,
      name: c.name,
      role: c.role,
      ...(c.role === 'mentor'
        ? {
            inviteToken: c.invite_token,
            inviteUrl: `${this.#ctx.config.publicUrl}/cohorts/join?token=${c.invite_token}`,
          }
        : {}),
    };
  }

  async create(mentor: CurrentUser, name: string) {
    const id = randomUUID();
    const token = randomBytes(24).toString('base64url');
    await this.#ctx.db.transaction(async (tx) => {
      await tx.query('INSERT INTO cohorts (id, name, owner_id, invite_token) VALUES ($1, $2, $3, $4)', [
        id,
        name,
        mentor.id,
        token,
      ]);
      await tx.query(`INSERT INTO cohort_members (cohort_id, user_id, role) VALUES ($1, $2, 'mentor')`, [
        id,
        mentor.id,
      ]);
    });
    return this.#summary({ id, name, invite_token: token, role: 'mentor' });
  }

  async mine(userId: string) {
    const rows = await this.#ctx.db.query<CohortRow>(
      `SELECT c.id, c.name, c.invite_token, m.role FROM cohorts c JOIN cohort_members m ON m.cohort_id = c.id
       WHERE m.user_id = $1 ORDER BY c.created_at`,
      [userId],
    );
    return rows.map((r) => this.#summary(r));
  }

  /**
   * The viewer's membership. A cohort mentor whose account lost the mentor role keeps their seat but
   * acts as a learner (as `canSeeLearner` does), so a demotion ends their view at once.
   */
  async #membership(cohortId: string, userId: string): Promise<CohortRow> {
    const [row] = await this.#ctx.db.query<CohortRow>(
      `SELECT c.id, c.name, c.invite_token,
         CASE WHEN m.role = 'mentor' AND u.role NOT IN ('mentor', 'admin') THEN 'learner' ELSE m.role END AS role
       FROM cohorts c JOIN cohort_members m ON m.cohort_id = c.id JOIN users u ON u.id = m.user_id
       WHERE c.id = $1 AND m.user_id = $2`,
      [cohortId, userId],
    );
    if (!row) throw notFound('Cohort', cohortId);
    return row;
  }

  /** The cohort as a mentor sees it (members with completion), or as a learner sees it (no members). */
  async get(cohortId: string, viewerId: string) {
    const c = await this.#membership(cohortId, viewerId);
    if (c.role !== 'mentor') return this.#summary(c);
    const members = await this.#ctx.db.query<{ user_id: string; name: string; role: string; joined_at: Date | string }>(
      `SELECT m.user_id, u.name, m.role, m.joined_at FROM cohort_members m JOIN users u ON u.id = m.user_id
       WHERE m.cohort_id = $1 ORDER BY m.joined_at`,
      [cohortId],
    );
    const withProgress = await Promise.all(
      members
        .filter((m) => m.role === 'learner')
        .map(async (m) => ({
          id: m.user_id,
          name: m.name,
          joinedAt: new Date(m.joined_at).toISOString(),
          completion: (await this.#progress.view(m.user_id)).overall,
        })),
    );
    return { ...this.#summary(c), members: withProgress };
  }

  async join(user: CurrentUser, token: string) {
    const [cohort] = await this.#ctx.db.query<{ id: string }>('SELECT id FROM cohorts WHERE invite_token = $1', [
      token,
    ]);
    if (!cohort) throw new AppError('not_found', 'That invite link is not valid (it may have been replaced).');
    await this.#ctx.db.query(
      `INSERT INTO cohort_members (cohort_id, user_id, role) VALUES ($1, $2, 'learner') ON CONFLICT DO NOTHING`,
      [cohort.id, user.id],
    );
    return this.#summary(await this.#membership(cohort.id, user.id));
  }

  /** A learner leaves, or a mentor removes a learner; either way the mentor's view ends at once. */
  async remove(cohortId: string, viewerId: string, memberId: string) {
    const viewer = await this.#membership(cohortId, viewerId);
    if (viewerId !== memberId && viewer.role !== 'mentor') throw notFound('Cohort member', memberId);
    const rows = await this.#ctx.db.query(
      `DELETE FROM cohort_members WHERE cohort_id = $1 AND user_id = $2 AND role = 'learner' RETURNING 1`,
      [cohortId, memberId],
    );
    if (rows.length === 0) throw notFound('Cohort member', memberId);
  }

  /** A learner member of a cohort the viewer mentors; anything else is a 404. */
  async #learnerOf(cohortId: string, mentorId: string, learnerId: string) {
    const viewer = await this.#membership(cohortId, mentorId);
    if (viewer.role !== 'mentor') throw notFound('Cohort member', learnerId);
    const [m] = await this.#ctx.db.query(
      `SELECT 1 FROM cohort_members WHERE cohort_id = $1 AND user_id = $2 AND role = 'learner'`,
      [cohortId, learnerId],
    );
    if (!m) throw notFound('Cohort member', learnerId);
  }

  async memberProgress(cohortId: string, mentorId: string, learnerId: string) {
    await this.#learnerOf(cohortId, mentorId, learnerId);
    return this.#progress.view(learnerId);
  }

  async memberSubmissions(cohortId: string, mentorId: string, learnerId: string, limit: number, cursor?: string) {
    await this.#learnerOf(cohortId, mentorId, learnerId);
    const after = cursor ? decodeCursor(cursor) : undefined;
    return toPage(await listSubmits(this.#ctx.db, learnerId, limit + 1, after), limit, toView);
  }
}
