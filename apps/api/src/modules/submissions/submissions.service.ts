/**
 * Submissions: validate and store, grade through the queue (or at once for the editor's `run`),
 * record the verdict and the evidence it implies in one transaction, and read one's own history back.
 */
import { randomUUID } from 'node:crypto';
import type { Exercise, GradeResult } from '@backpath/contracts';
import type { Database, Queryable } from '../../db/client.ts';
import { AppError, notFound } from '../../errors.ts';
import { decodeCursor, toPage } from '../../lib/cursor.ts';
import { recordActivity } from '../activity/activity.repository.ts';
import { canSeeLearner } from '../cohorts/visibility.ts';
import { invalidateLearner, type LearningContext } from '../progress/learning-context.ts';
import { ProgressService } from '../progress/progress.service.ts';
import { type GraderLike, MAX_SUBMISSION_BYTES } from './grader.ts';
import type { GradingQueue } from './grading-queue.ts';
import { localReportVerdict } from './local-report.ts';
import { type SubmissionView, toView } from './submission-view.ts';
import * as repo from './submissions.repository.ts';

export interface SubmissionsOptions {
  /** A grader threw: the submission is recorded `failed` (the learner sees that, not a hang). */
  onGraderError?: (err: unknown, submissionId: string) => void;
  /** The queue refused a job (Redis away): the row stays `queued` and the sweep enqueues it later. */
  onEnqueueError?: (err: unknown, submissionId: string) => void;
  /** Without engines in this process, how long a `run` waits for a worker before answering 202. */
  runWaitMs?: number;
}

const RUN_WAIT_MS = 10_000;
const settledStatus = (s: repo.SubmissionStatus) => s === 'graded' || s === 'failed';

/** The learning context with every query (and nested transaction) going through `tx`. */
function inTransaction(ctx: LearningContext, tx: Queryable): LearningContext {
  const db: Database = { ...ctx.db, query: tx.query, exec: tx.exec, transaction: (fn) => fn(tx) };
  return { ...ctx, db };
}

export class SubmissionsService {
  readonly #ctx: LearningContext;
  readonly #graders: GraderLike | undefined;
  readonly #opts: SubmissionsOptions;
  /** Absent when this process can neither grade nor queue: submissions answer 503. */
  queue: GradingQueue | undefined;

  constructor(ctx: LearningContext, graders: GraderLike | undefined, opts: SubmissionsOptions = {}) {
    this.#ctx = ctx;
    this.#graders = graders;
    this.#opts = opts;
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
    const queue = this.queue;
    if (!queue) throw new AppError('service_unavailable', 'Grading is not available on this server.');
    // The editor's `run` is graded within the request here when this process has the engines;
    // otherwise it goes to the workers ahead of submits, and the request waits a bounded time.
    const inRequest = mode === 'run' && this.#graders !== undefined;
    const row = await this.#ctx.db.transaction(async (tx) => {
      const inserted = await repo.insertSubmission(tx, {
        id: randomUUID(),
        user_id: userId,
        exercise_id: exercise.id,
        mode,
        code,
        status: inRequest ? 'grading' : 'queued',
        content_version: this.#ctx.content.version,
      });
      await recordActivity(tx, userId, timeZone);
      return inserted;
    });
    await invalidateLearner(this.#ctx, userId);
    if (inRequest) {
      // Bounded by the grader's time limit. A database error while recording leaves the row
      // `grading` for the sweep; the learner sees the row as it stands, not a 500.
      const finished = await this.grade(row.id, row).catch(() => undefined);
      return { view: toView(finished ?? (await repo.getSubmission(this.#ctx.db, row.id)) ?? row), settled: true };
    }
    if (mode === 'run') return this.#runOnWorker(queue, row);
    await this.#enqueue(queue, row);
    return { view: toView(row), settled: false };
  }

  /** `run` without engines here: queued first in line, answered when a worker settles it or after a bounded wait. */
  async #runOnWorker(queue: GradingQueue, row: repo.SubmissionRow) {
    let unsubscribe = () => {};
    let timer: NodeJS.Timeout | undefined;
    const settled = new Promise<void>((resolve) => {
      unsubscribe = queue.onSettled(row.id, resolve);
      timer = setTimeout(resolve, this.#opts.runWaitMs ?? RUN_WAIT_MS);
    });
    try {
      await this.#enqueue(queue, row);
      await settled;
    } finally {
      clearTimeout(timer);
      unsubscribe();
    }
    const latest = (await repo.getSubmission(this.#ctx.db, row.id)) ?? row;
    return { view: toView(latest), settled: settledStatus(latest.status) };
  }

  async #enqueue(queue: GradingQueue, row: repo.SubmissionRow): Promise<void> {
    try {
      await queue.enqueue({ submissionId: row.id, learnerId: row.user_id, mode: row.mode });
    } catch (err) {
      // Accepted all the same: the row is stored, and the periodic sweep enqueues it once the queue is back.
      this.#opts.onEnqueueError?.(err, row.id);
    }
  }

  /**
   * The queue's processor: claim, grade, then one transaction records the verdict (only if still
   * unrecorded) and the evidence it implies. Answers the finished row when this call recorded it,
   * undefined when it was already recorded. Throws only when the database fails (the queue retries).
   * `claimed` is a row this process already holds in `grading` (the in-request `run`).
   */
  async grade(submissionId: string, claimed?: repo.SubmissionRow): Promise<repo.SubmissionRow | undefined> {
    const row = claimed ?? (await repo.claimSubmission(this.#ctx.db, submissionId));
    if (!row) return undefined;
    const id = this.#ctx.content.resolve(row.exercise_id);
    const exercise = id ? this.#ctx.content.curriculum.exercises.get(id) : undefined;
    let result: GradeResult | null = null;
    if (exercise && this.#graders) {
      try {
        result =
          localReportVerdict(exercise, row.code) ?? (await this.#graders.grade(exercise, row.code, { mode: row.mode }));
      } catch (err) {
        this.#opts.onGraderError?.(err, submissionId);
      }
    }
    const finished = await this.#ctx.db.transaction(async (tx) => {
      const done = await repo.finishSubmission(tx, submissionId, result);
      // Another grading of the same submission got there first and did what follows.
      if (done && exercise && row.mode === 'submit' && result?.status === 'pass') {
        await new ProgressService(inTransaction(this.#ctx, tx)).autoComplete(row.user_id, exercise.topic);
      }
      return done;
    });
    // After the commit, so no reader caches the learner's state from before it.
    if (finished) await invalidateLearner(this.#ctx, row.user_id);
    return finished;
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
