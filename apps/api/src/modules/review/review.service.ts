/**
 * Spaced review with FSRS (ts-fsrs): every quiz question a learner has answered becomes a card,
 * scheduled by how the attempt went; a review answer ("again" … "easy") reschedules it.
 */
import type { LoadedQuiz } from '@backpath/curriculum';
import { type Card, createEmptyCard, fsrs, type Grade, Rating, TypeConvert } from 'ts-fsrs';
import { AppError } from '../../errors.ts';
import { recordActivity } from '../activity/activity.repository.ts';
import type { LearningContext } from '../progress/learning-context.ts';
import { publicQuestion } from '../quizzes/grade-attempt.ts';
import * as repo from './review.repository.ts';

export type ReviewRating = 'again' | 'hard' | 'good' | 'easy';
const RATINGS: Record<ReviewRating, Grade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

export const questionKey = (quizId: string, questionId: string) => `${quizId}.${questionId}`;

export class ReviewService {
  readonly #ctx: LearningContext;
  readonly #scheduler = fsrs();
  readonly #now: () => Date;

  constructor(ctx: LearningContext, now: () => Date = () => new Date()) {
    this.#ctx = ctx;
    this.#now = now;
  }

  /** Enters (or reschedules) each question of an attempt: a right answer counts as "good", a wrong one "again". */
  async recordAttempt(userId: string, quizId: string, results: { id: string; correct: boolean }[]) {
    const keys = results.map((r) => questionKey(quizId, r.id));
    const existing = new Map((await repo.getCards(this.#ctx.db, userId, keys)).map((c) => [c.question_key, c]));
    const now = this.#now();
    for (const r of results) {
      const key = questionKey(quizId, r.id);
      const stored = existing.get(key);
      const card = stored ? TypeConvert.card(stored.card as unknown as Card) : createEmptyCard(now);
      const next = this.#scheduler.next(card, now, r.correct ? Rating.Good : Rating.Again).card;
      await repo.upsertCard(this.#ctx.db, userId, key, next);
    }
  }

  #question(key: string) {
    const [quizIdIn, questionId] = key.split('.');
    const quizId = quizIdIn ? this.#ctx.content.resolve(quizIdIn) : undefined;
    const quiz: LoadedQuiz | undefined = quizId ? this.#ctx.content.curriculum.quizzes.get(quizId) : undefined;
    const question = quiz?.questions.find((q) => q.id === questionId);
    return quiz && question ? { quiz, question } : undefined;
  }

  /**
   * The first `limit` due questions and the total due today. Only the keys are read for the total,
   * so it counts every due card still in the curriculum (a retired question leaves quietly).
   */
  async due(userId: string, timeZone: string | undefined, limit = 50) {
    const keys = (await repo.dueKeys(this.#ctx.db, userId, timeZone)).filter((k) => this.#question(k));
    const page = keys.slice(0, limit);
    const rows = new Map((await repo.getCards(this.#ctx.db, userId, page)).map((r) => [r.question_key, r]));
    const items = page.flatMap((key) => {
      const row = rows.get(key);
      const found = this.#question(key);
      if (!row || !found) return [];
      return [
        {
          key,
          quizId: found.quiz.id,
          topicId: found.quiz.topic,
          question: publicQuestion(found.question),
          due: new Date(row.due).toISOString(),
          reps: row.reps,
        },
      ];
    });
    return { items, count: keys.length, nextDueAt: await repo.nextDue(this.#ctx.db, userId) };
  }

  async answer(userId: string, key: string, rating: ReviewRating, timeZone: string | undefined) {
    const [stored] = await repo.getCards(this.#ctx.db, userId, [key]);
    const found = this.#question(key);
    if (!stored || !found) throw new AppError('not_found', `No review card "${key}" in your queue.`);
    const next = this.#scheduler.next(
      TypeConvert.card(stored.card as unknown as Card),
      this.#now(),
      RATINGS[rating],
    ).card;
    await repo.upsertCard(this.#ctx.db, userId, key, next);
    await recordActivity(this.#ctx.db, userId, timeZone);
    const q = found.question;
    return {
      key,
      due: next.due.toISOString(),
      reps: next.reps,
      correctAnswer: q.type === 'single' ? q.answer : q.type === 'multiple' ? q.answers : q.accept[0]!,
    };
  }
}
