/**
 * Submissions: validate and store, grade through the queue (or at once for the editor's `run`),
 * record the verdict, complete the topic on a pass, and read one's own history back.
 */
import { randomUUID } from 'node:crypto';
import type { Exercise } from '@backpath/contracts';
import { AppError, notFound } from '../../errors.ts';
import { decodeCursor, toPage } from '../../lib/cursor.ts';
import { recordActivity } from '../activity/activity.repository.ts';
import { canSeeLearner } from '../cohorts/visibility.ts';
import { invalidateLearner, type LearningContext } from '../progress/learning-context.ts';
import type { ProgressService } from '../progress/progress.service.ts';
import { type GraderLike, MAX_SUBMISSION_BYTES } from './grader.ts';
import type { GradingQueue } from './grading-queue.ts';
import { localReportVerdict } from './local-report.ts';
import { type SubmissionView, toView } from './submission-view.ts';
import * as repo from './submissions.repository.ts';

export class SubmissionsService {
  readonly #ctx: LearningContext;
  readonly #progress: ProgressService;
  readonly #graders: GraderLike | undefined;
  queue: GradingQueue | undefined;

  constructor(ctx: LearningContext, progress: ProgressService, graders: GraderLike | undefined) {
    this.#ctx = ctx;
    this.#progress = progress;
    this.#graders = graders;
  }

  exercise(idIn: string): Exercise {
    const id = this.#ctx.content.resolve(idIn);
    const exercise = id ? this.#ctx.content.curriculum.exercises.get(id) : undefined;
    if (!exercise) throw notFound('Exercise', idIn);
    return exercise;
  }

  async create(
    userId: string,
    exerciseId: string,
    code: string,
    mode: 'run' | 'submit',
    timeZone: string | undefined,
  ): Promise<{ view: SubmissionView; settled: boolean }> {
    const exercise = this.exercise(exerciseId);
    const size = Buffer.byteLength(code);
    if (size > MAX_SUBMISSION_BYTES) {
      throw new AppError(
        'payload_too_large',
        `The submission is ${size} bytes; the limit is ${MAX_SUBMISSION_BYTES}.`,
        {
          limitBytes: MAX_SUBMISSION_BYTES,
        },
      );
    }
    if (!this.#graders || !this.queue) {
      throw new AppError('service_unavailable', 'Grading is not available on this server.');
    }
    const row = await repo.insertSubmission(this.#ctx.db, {
      id: randomUUID(),
      user_id: userId,
      exercise_id: exercise.id,
      mode,
      code,
      status: mode === 'run' ? 'grading' : 'queued',
      content_version: this.#ctx.content.version,
    });
    await recordActivity(this.#ctx.db, userId, timeZone);
    await invalidateLearner(this.#ctx, userId);
    if (mode === 'run') {
      // The editor's quick feedback: graded within the request, bounded by the grader's time limit.
      // A grader that throws has already left the row `failed`; the learner sees that, not a 500.
      await this.grade(row.id).catch(() => {});
      return { view: toView((await repo.getSubmission(this.#ctx.db, row.id))!), settled: true };
    }
    await this.queue.enqueue(row.id);
    return { view: toView(row), settled: false };
  }

  /** The queue's processor: claim, grade, store; a pass on submit may complete the topic. */
  async grade(submissionId: string): Promise<void> {
    const row = await repo.claimSubmission(this.#ctx.db, submissionId);
    if (!row) return;
    const id = this.#ctx.content.resolve(row.exercise_id);
    const exercise = id ? this.#ctx.content.curriculum.exercises.get(id) : undefined;
    if (!exercise || !this.#graders) {
      await repo.finishSubmission(this.#ctx.db, submissionId, null);
      return;
    }
    let result: Awaited<ReturnType<GraderLike['grade']>> | null = null;
    let recorded = false;
    try {
      result =
        localReportVerdict(exercise, row.code) ?? (await this.#graders.grade(exercise, row.code, { mode: row.mode }));
    } finally {
      recorded = await repo.finishSubmission(this.#ctx.db, submissionId, result);
    }
    // Another grading of the same submission got there first and did what follows.
    if (!recorded) return;
    await invalidateLearner(this.#ctx, row.user_id);
    if (row.mode === 'submit' && result.status === 'pass') {
      await this.#progress.autoComplete(row.user_id, exercise.topic);
    }
  }

  /** The owner, or a mentor of the owner's cohort, may read a submission; others get a 404. */
  async get(viewerId: string, submissionId: string): Promise<repo.SubmissionRow> {
    const row = await repo.getSubmission(this.#ctx.db, submissionId);
    if (!row || !(await canSeeLearner(this.#ctx.db, viewerId, row.user_id))) throw notFound('Submission', submissionId);
    return row;
  }

  async list(userId: string, exerciseId: string, limit: number, cursor?: string) {
    const exercise = this.exercise(exerciseId);
    const after = cursor ? decodeCursor(cursor) : undefined;
    const rows = await repo.listSubmissions(
      this.#ctx.db,
      userId,
      this.#ctx.content.aliases(exercise.id),
      limit + 1,
      after,
    );
    return toPage(rows, limit, toView);
  }

  async bestOrLatest(userId: string, exerciseId: string, which: 'best' | 'latest') {
    const ids = this.#ctx.content.aliases(this.exercise(exerciseId).id);
    const row =
      which === 'best'
        ? await repo.bestSubmission(this.#ctx.db, userId, ids)
        : await repo.latestSubmission(this.#ctx.db, userId, ids);
    if (!row)
      throw new AppError(
        'not_found',
        `You have no ${which === 'best' ? 'graded ' : ''}submission for this exercise yet.`,
      );
    return toView(row);
  }
}
