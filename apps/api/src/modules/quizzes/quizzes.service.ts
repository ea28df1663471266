/**
 * Quiz attempts: graded on the server, stored, fed to spaced review, and able to complete a topic;
 * and one-question checks, so a learner sees each explanation right after answering.
 */
import { randomUUID } from 'node:crypto';
import type { LoadedQuiz } from '@backpath/curriculum';
import { notFound } from '../../errors.ts';
import { type CachedBody, cachedJson } from '../../lib/http-cache.ts';
import { recordActivity } from '../activity/activity.repository.ts';
import { invalidateLearner, type LearningContext } from '../progress/learning-context.ts';
import type { ProgressService } from '../progress/progress.service.ts';
import type { ReviewService } from '../review/review.service.ts';
import { type Answers, checkQuestion, gradeAttempt, publicQuestion } from './grade-attempt.ts';

export class QuizzesService {
  readonly #ctx: LearningContext;
  readonly #progress: ProgressService;
  readonly #review: ReviewService;
  readonly #views = new Map<string, CachedBody>();

  constructor(ctx: LearningContext, progress: ProgressService, review: ReviewService) {
    this.#ctx = ctx;
    this.#progress = progress;
    this.#review = review;
  }

  quiz(idIn: string): LoadedQuiz {
    const id = this.#ctx.content.resolve(idIn);
    const quiz = id ? this.#ctx.content.curriculum.quizzes.get(id) : undefined;
    if (!quiz) throw notFound('Quiz', idIn);
    return quiz;
  }

  /** The quiz without answers or explanations, serialised once. */
  publicView(idIn: string): CachedBody {
    const quiz = this.quiz(idIn);
    let hit = this.#views.get(quiz.id);
    if (!hit) {
      hit = cachedJson({ id: quiz.id, topicId: quiz.topic, questions: quiz.questions.map(publicQuestion) });
      this.#views.set(quiz.id, hit);
    }
    return hit;
  }

  /** Feedback on one answered question; records nothing (no attempt, no review card, no activity). */
  check(quizId: string, questionId: string, answer: string | string[]) {
    const quiz = this.quiz(quizId);
    return { quizId: quiz.id, ...checkQuestion(quiz, questionId, answer) };
  }

  async attempt(userId: string, quizId: string, answers: Answers, timeZone: string | undefined) {
    const quiz = this.quiz(quizId);
    const graded = gradeAttempt(quiz, answers);
    const id = randomUUID();
    await this.#ctx.db.query(
      `INSERT INTO quiz_attempts (id, user_id, quiz_id, answers, correct, total, passed, content_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        userId,
        quiz.id,
        JSON.stringify(answers),
        graded.correct,
        graded.total,
        graded.passed,
        this.#ctx.content.version,
      ],
    );
    await recordActivity(this.#ctx.db, userId, timeZone);
    await this.#review.recordAttempt(
      userId,
      quiz.id,
      graded.questions.filter((q) => q.answered),
    );
    await invalidateLearner(this.#ctx, userId);
    const topicCompleted = graded.passed ? await this.#progress.autoComplete(userId, quiz.topic) : false;
    return { id, quizId: quiz.id, topicId: quiz.topic, ...graded, topicCompleted };
  }
}
