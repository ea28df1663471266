/** Server-side quiz grading for each question type, and the checks that make bad answers a 400. */
import type { LoadedQuiz } from '@backpath/curriculum';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { gradeAttempt, publicQuestion } from './grade-attempt.ts';

const choice = (id: string) => ({ id, text: `Choice ${id}`, explanation: `Why ${id}` });
const quiz: LoadedQuiz = {
  id: 'demo-quiz',
  topic: 'demo',
  file: 'demo.quiz.yaml',
  questions: [
    { id: 'one', type: 'single', prompt: 'Pick one', choices: [choice('a'), choice('b')], answer: 'b' },
    {
      id: 'many',
      type: 'multiple',
      prompt: 'Pick many',
      choices: [choice('a'), choice('b'), choice('c')],
      answers: ['a', 'c'],
    },
    {
      id: 'word',
      type: 'short',
      prompt: 'Name it',
      accept: ['primary key', 'pk'],
      explanation: 'It identifies a row.',
    },
  ],
};

describe('gradeAttempt', () => {
  it('grades single, multiple and short answers (short: case and spacing ignored)', () => {
    const r = gradeAttempt(quiz, { one: 'b', many: ['c', 'a'], word: '  Primary   KEY ' });
    expect(r).toMatchObject({ correct: 3, total: 3, passed: true });
    expect(r.questions[2]).toMatchObject({
      correct: true,
      correctAnswer: 'primary key',
      explanation: 'It identifies a row.',
    });
  });

  it('counts a partial multiple choice and an unanswered question as wrong, and passes at 70%', () => {
    const r = gradeAttempt(quiz, { one: 'b', many: ['a'] });
    expect(r.questions.map((q) => q.correct)).toEqual([true, false, false]);
    expect(r.questions[2]).toMatchObject({ answered: false, given: null });
    expect(r.passed).toBe(false); // 1 of 3 < 70%
    expect(r.questions[1]!.choices).toEqual([
      { ...choice('a'), correct: true, chosen: true },
      { ...choice('b'), correct: false, chosen: false },
      { ...choice('c'), correct: true, chosen: false },
    ]);
  });

  it('refuses answers of the wrong kind, unknown choices and questions of another quiz', () => {
    const code = (answers: Record<string, string | string[]>) => {
      try {
        gradeAttempt(quiz, answers);
        return 'ok';
      } catch (err) {
        return err instanceof AppError ? `${err.status} ${JSON.stringify(err.details)}` : 'other';
      }
    };
    expect(code({ one: ['b'] })).toContain('400');
    expect(code({ many: 'a' })).toContain('array of choice ids');
    expect(code({ word: ['pk'] })).toContain('short-answer');
    expect(code({ one: 'z' })).toContain('unknown choice id');
    expect(code({ elsewhere: 'a' })).toBe('400 {"unknownQuestions":["elsewhere"]}');
  });

  it('shows questions without answers or explanations before an attempt', () => {
    const shown = JSON.stringify(quiz.questions.map(publicQuestion));
    expect(shown).not.toMatch(/Why a|answer|accept|identifies/);
    expect(quiz.questions.map(publicQuestion)[2]).toEqual({ id: 'word', type: 'short', prompt: 'Name it' });
  });
});
