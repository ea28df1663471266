/**
 * One-question checks: feedback right after answering, for that question only, with nothing stored
 * (no attempt, no review card, no activity); the attempt is still graded and enrolled as a whole.
 */
import type { LoadedQuiz } from '@backpath/curriculum';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../test/auth-helpers.ts';
import { loadFixtureCurriculum } from '../../test/build-test-app.ts';
import { as, buildLearningTestApp, type LearningTestApp } from '../progress/learning-test-app.ts';

let t: LearningTestApp;

beforeAll(async () => {
  const curriculum = loadFixtureCurriculum();
  const quiz = curriculum.quizzes.get('alpha-one-quiz')!;
  const questions: LoadedQuiz['questions'] = [
    ...quiz.questions,
    {
      id: 'pick-two',
      type: 'multiple',
      prompt: 'Which two are right?',
      choices: [
        { id: 'x', text: 'Ex', explanation: 'SECRET-X-RIGHT' },
        { id: 'y', text: 'Why', explanation: 'SECRET-Y-WRONG' },
        { id: 'z', text: 'Zed', explanation: 'SECRET-Z-RIGHT' },
      ],
      answers: ['x', 'z'],
    },
    { id: 'say-it', type: 'short', prompt: 'Say the word.', accept: ['SECRET-WORD'], explanation: 'SECRET-WHY' },
  ];
  curriculum.quizzes.set(quiz.id, { ...quiz, questions });
  t = await buildLearningTestApp({ curriculum });
});
afterAll(() => t?.close());

const count = async (table: string, userId: string) =>
  Number((await t.db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE user_id = $1`, [userId]))[0]!.n);

describe('checking one quiz question', () => {
  it('answers right or wrong with that question’s explanation only, and records nothing', async () => {
    const who = await signUp(t.app);
    const me = as(t.app, who);
    const check = (questionId: string, answer: unknown) =>
      me('POST', `/api/quizzes/alpha-one-quiz/questions/${questionId}/check`, { answer });

    const wrong = await check('secret-question', 'a');
    expect(wrong.statusCode).toBe(200);
    expect(wrong.json()).toMatchObject({ quizId: 'alpha-one-quiz', id: 'secret-question', correct: false, given: 'a' });
    expect(wrong.json().correctAnswer).toBe('b');
    expect(wrong.json().choices.map((c: { explanation: string }) => c.explanation)).toEqual([
      'SECRET-EXPLANATION-A',
      'SECRET-EXPLANATION-B',
    ]);
    // Nothing about the questions not yet answered.
    expect(wrong.body).not.toMatch(/SECRET-(X|Y|Z|WORD|WHY)/);

    const right = (await check('pick-two', ['z', 'x'])).json();
    expect(right).toMatchObject({ correct: true, correctAnswer: ['x', 'z'] });
    expect(JSON.stringify(right)).not.toMatch(/SECRET-(EXPLANATION|WORD|WHY)/);
    expect((await check('say-it', '  secret-word ')).json()).toMatchObject({
      correct: true,
      explanation: 'SECRET-WHY',
    });

    // Nothing stored: no attempt, no review card, no activity day.
    expect(await count('quiz_attempts', who.user.id)).toBe(0);
    expect(await count('review_cards', who.user.id)).toBe(0);
    expect(await count('activity_days', who.user.id)).toBe(0);
    expect((await me('GET', '/api/review')).json().count).toBe(0);

    // The attempt afterwards is graded as before and enrols every answered question for review.
    const attempt = await me('POST', '/api/quizzes/alpha-one-quiz/attempts', {
      answers: { 'secret-question': 'a', 'pick-two': ['x', 'z'], 'say-it': 'secret-word' },
    });
    expect(attempt.json()).toMatchObject({ correct: 2, total: 3 });
    expect(await count('quiz_attempts', who.user.id)).toBe(1);
    expect(await count('review_cards', who.user.id)).toBe(3);
  });

  it('refuses a wrong kind of answer, an unknown question or quiz, and a visitor', async () => {
    const me = as(t.app, await signUp(t.app));
    const base = '/api/quizzes/alpha-one-quiz/questions';
    expect((await me('POST', `${base}/pick-two/check`, { answer: 'x' })).statusCode).toBe(400);
    expect((await me('POST', `${base}/secret-question/check`, { answer: 'nope' })).statusCode).toBe(400);
    expect((await me('POST', `${base}/secret-question/check`, { answer: 'b', extra: 1 })).statusCode).toBe(400);
    expect((await me('POST', `${base}/no-such-question/check`, { answer: 'b' })).statusCode).toBe(404);
    expect((await me('POST', '/api/quizzes/no-such-quiz/questions/q/check', { answer: 'b' })).statusCode).toBe(404);
    const visitor = await t.app.inject({
      method: 'POST',
      url: `${base}/secret-question/check`,
      payload: { answer: 'b' },
    });
    expect(visitor.statusCode).toBe(401);
  });
});
