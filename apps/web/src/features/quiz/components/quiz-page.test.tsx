import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Quiz } from '../../../lib/api-types.ts';
import { renderScreen } from '../../../test/render-screen.tsx';
import { QuizRunner } from './quiz-page.tsx';

const quiz: Quiz = {
  id: 'sql-quiz',
  topicId: 'sql',
  questions: [
    {
      id: 'q-one',
      type: 'single',
      prompt: 'Which clause filters groups?',
      choices: [
        { id: 'a', text: 'WHERE' },
        { id: 'b', text: 'HAVING' },
      ],
    },
    { id: 'q-two', type: 'short', prompt: 'Name the sort clause.' },
  ],
};

let calls: { url: string; body: Record<string, unknown> }[];

beforeEach(() => {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body ?? '{}'));
      calls.push({ url, body });
      if (url.endsWith('/questions/q-one/check')) {
        return Response.json({
          id: 'q-one',
          type: 'single',
          prompt: quiz.questions[0]!.prompt,
          correct: false,
          answered: true,
          given: body.answer,
          correctAnswer: 'b',
          choices: [
            {
              id: 'a',
              text: 'WHERE',
              explanation: 'WHERE filters rows before grouping.',
              correct: false,
              chosen: true,
            },
            { id: 'b', text: 'HAVING', explanation: 'HAVING filters groups.', correct: true, chosen: false },
          ],
        });
      }
      if (url.endsWith('/questions/q-two/check')) {
        return Response.json({
          id: 'q-two',
          type: 'short',
          prompt: 'Name the sort clause.',
          correct: true,
          answered: true,
          given: body.answer,
          correctAnswer: 'ORDER BY',
          explanation: 'ORDER BY sorts the result.',
        });
      }
      if (url.endsWith('/attempts')) {
        return Response.json({
          id: 'att',
          quizId: 'sql-quiz',
          topicId: 'sql',
          correct: 1,
          total: 2,
          passed: false,
          topicCompleted: false,
          questions: [],
        });
      }
      return new Response('{}', { status: 404 });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderRunner = (signedIn = true) => renderScreen(() => <QuizRunner quiz={quiz} signedIn={signedIn} />);

describe('QuizRunner', () => {
  it('explains each answer right after it is given, then grades the whole quiz once', async () => {
    await renderRunner();
    // No explanation, and no way on, before answering.
    expect(screen.queryByText('HAVING filters groups.')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Next question' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Check answer' }).hasAttribute('disabled')).toBe(true);

    fireEvent.click(screen.getByLabelText('WHERE'));
    fireEvent.click(screen.getByRole('button', { name: 'Check answer' }));
    expect((await screen.findByRole('status')).textContent).toContain('Not quite');
    expect(screen.getByText('HAVING filters groups.')).toBeTruthy();
    // Only the question answered was checked; the answer is now locked.
    expect(calls).toEqual([{ url: '/api/quizzes/sql-quiz/questions/q-one/check', body: { answer: 'a' } }]);
    expect((screen.getByLabelText('HAVING') as HTMLInputElement).disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Next question' }));
    expect(screen.queryByRole('status')).toBeNull();
    fireEvent.change(screen.getByLabelText('Your answer'), { target: { value: 'order by' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check answer' }));
    expect((await screen.findByRole('status')).textContent).toContain('ORDER BY sorts the result.');
    expect(screen.queryByRole('button', { name: 'Next question' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'See my score' }));
    expect((await screen.findByRole('heading', { name: '1 of 2 correct' })).tagName).toBe('H1');
    expect(calls.filter((c) => c.url.endsWith('/attempts'))).toEqual([
      { url: '/api/quizzes/sql-quiz/attempts', body: { answers: { 'q-one': 'a', 'q-two': 'order by' } } },
    ]);
  });

  it('a visitor moves through the questions without checks and is asked to sign in at the end', async () => {
    await renderRunner(false);
    fireEvent.click(screen.getByLabelText('HAVING'));
    fireEvent.click(screen.getByRole('button', { name: 'Next question' }));
    expect(screen.getByText(/to check your answers/)).toBeTruthy();
    await waitFor(() => expect(calls).toEqual([]));
  });
});
