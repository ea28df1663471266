import type { QuizFile } from '@backpath/contracts';
import { describe, expect, it } from 'vitest';
import { gradeQuiz, QuizAnswerError } from './grade-quiz.ts';

const quiz: QuizFile = {
  id: 'http-basics-quiz',
  topic: 'http-basics',
  questions: [
    {
      id: 'safe-method',
      type: 'single',
      prompt: 'Which method is safe?',
      choices: [
        { id: 'get', text: 'GET', explanation: 'GET only reads.' },
        { id: 'post', text: 'POST', explanation: 'POST creates things.' },
      ],
      answer: 'get',
    },
    {
      id: 'idempotent',
      type: 'multiple',
      prompt: 'Which methods are idempotent?',
      choices: [
        { id: 'put', text: 'PUT', explanation: 'PUT replaces: same result twice.' },
        { id: 'delete', text: 'DELETE', explanation: 'Deleting twice leaves it deleted.' },
        { id: 'post', text: 'POST', explanation: 'POST twice creates two things.' },
      ],
      answers: ['put', 'delete'],
    },
    {
      id: 'not-found',
      type: 'short',
      prompt: 'Status code for not found?',
      accept: ['404', 'Not Found'],
      explanation: '404 means the resource does not exist.',
    },
  ],
};

describe('gradeQuiz', () => {
  it('scores answers and returns every explanation and the correct answers', () => {
    const result = gradeQuiz(quiz, {
      'safe-method': 'post',
      idempotent: ['delete', 'put'],
      'not-found': '  not   FOUND ',
    });
    expect(result.score).toEqual({ correct: 2, total: 3 });
    const first = result.questions[0];
    expect(first).toMatchObject({
      id: 'safe-method',
      correct: false,
      given: 'post',
      correctAnswer: ['get'],
      correctText: ['GET'],
    });
    expect(first?.explanations.map((e) => e.explanation)).toEqual(['GET only reads.', 'POST creates things.']);
    expect(result.questions[2]).toMatchObject({ correct: true, explanation: '404 means the resource does not exist.' });
  });

  it('counts a partial multiple-choice answer and a missing answer as incorrect', () => {
    const result = gradeQuiz(quiz, { idempotent: ['put'] });
    expect(result.questions.map((q) => q.correct)).toEqual([false, false, false]);
  });

  it('throws a typed error for unknown questions, unknown choices and wrong shapes', () => {
    expect(() => gradeQuiz(quiz, { nope: 'x' })).toThrow(QuizAnswerError);
    expect(() => gradeQuiz(quiz, { 'safe-method': 'head' })).toThrow('not a choice');
    expect(() => gradeQuiz(quiz, { 'safe-method': ['get'] })).toThrow('one choice id');
    expect(() => gradeQuiz(quiz, { idempotent: 'put' })).toThrow('array of choice ids');
    expect(() => gradeQuiz(quiz, { 'not-found': ['404'] })).toThrow('text answer');
  });
});
