/** The review queue: a page of due questions plus the total due today (for the navigation badge). */
import type { LoadedQuiz } from '@backpath/curriculum';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../test/auth-helpers.ts';
import { loadFixtureCurriculum } from '../../test/build-test-app.ts';
import { as, buildLearningTestApp, type LearningTestApp } from '../progress/learning-test-app.ts';

/** A zone where it is not late evening now, so "due today" cannot straddle midnight during the test. */
const ZONE = ['UTC', 'Asia/Tokyo', 'America/New_York', 'Asia/Kolkata'].find((timeZone) => {
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hour12: false }).format(new Date()),
  );
  return hour < 20;
})!;
const QUESTIONS = 60;

let t: LearningTestApp;

beforeAll(async () => {
  const curriculum = loadFixtureCurriculum();
  const quiz = curriculum.quizzes.get('alpha-one-quiz')!;
  const questions: LoadedQuiz['questions'] = Array.from({ length: QUESTIONS }, (_, i) => ({
    id: `q-${i}`,
    type: 'single',
    prompt: `Question number ${i}?`,
    choices: [
      { id: 'a', text: 'A', explanation: 'Because A.' },
      { id: 'b', text: 'B', explanation: 'Because B.' },
    ],
    answer: 'a',
  }));
  curriculum.quizzes.set(quiz.id, { ...quiz, questions });
  t = await buildLearningTestApp({ curriculum });
});
afterAll(() => t?.close());

describe('the review queue', () => {
  it('pages the due questions but counts all of them, leaving out retired questions', async () => {
    const who = await signUp(t.app);
    const me = as(t.app, who);
    const headers = { 'x-time-zone': ZONE };
    const answers = Object.fromEntries(Array.from({ length: QUESTIONS }, (_, i) => [`q-${i}`, i % 2 ? 'a' : 'b']));
    expect((await me('POST', '/api/quizzes/alpha-one-quiz/attempts', { answers }, headers)).statusCode).toBe(200);
    // A card for a question no longer in the curriculum, long overdue.
    await t.db.query(
      `INSERT INTO review_cards (user_id, question_key, card, due, reps) VALUES ($1, 'alpha-one-quiz.gone', '{}', now() - interval '2 days', 1)`,
      [who.user.id],
    );

    const full = (await me('GET', '/api/review', undefined, headers)).json();
    expect(full.count).toBe(QUESTIONS);
    expect(full.items).toHaveLength(50);
    expect(new Set(full.items.map((i: { key: string }) => i.key)).size).toBe(50);
    expect(full.items.map((i: { key: string }) => i.key)).not.toContain('alpha-one-quiz.gone');
    // Oldest due first.
    const dues = full.items.map((i: { due: string }) => i.due);
    expect([...dues].sort()).toEqual(dues);

    const countOnly = (await me('GET', '/api/review?limit=0', undefined, headers)).json();
    expect(countOnly).toMatchObject({ items: [], count: QUESTIONS });
    expect((await me('GET', '/api/review?limit=3', undefined, headers)).json().items).toHaveLength(3);
    expect((await me('GET', '/api/review?limit=51', undefined, headers)).statusCode).toBe(400);

    // Rating one pushes it out of today: the total goes down by one.
    const first = full.items[0].key;
    expect((await me('POST', `/api/review/${first}`, { rating: 'easy' }, headers)).statusCode).toBe(200);
    expect((await me('GET', '/api/review?limit=0', undefined, headers)).json().count).toBe(QUESTIONS - 1);
  });
});
