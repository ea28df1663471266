import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReviewQueue } from '../../../lib/api-types.ts';
import { defaultRating, ReviewCard } from './review-page.tsx';

const item: ReviewQueue['items'][number] = {
  key: 'sql-quiz.q-one',
  quizId: 'sql-quiz',
  topicId: 'sql',
  due: '2026-01-01T00:00:00.000Z',
  reps: 1,
  question: {
    id: 'q-one',
    type: 'single',
    prompt: 'Which clause filters groups?',
    choices: [
      { id: 'a', text: 'WHERE' },
      { id: 'b', text: 'HAVING' },
    ],
  },
};

let calls: { url: string; body: Record<string, unknown> }[];

beforeEach(() => {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body ?? '{}'));
      calls.push({ url, body });
      if (url.endsWith('/check')) {
        const correct = body.answer === 'b';
        return Response.json({
          id: 'q-one',
          type: 'single',
          prompt: item.question.prompt,
          correct,
          answered: true,
          given: body.answer,
          correctAnswer: 'b',
          choices: [
            { id: 'a', text: 'WHERE', explanation: 'WHERE filters rows.', correct: false, chosen: !correct },
            { id: 'b', text: 'HAVING', explanation: 'HAVING filters groups.', correct: true, chosen: correct },
          ],
        });
      }
      return Response.json({ key: item.key, due: '2026-01-05T00:00:00.000Z', reps: 2 });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderCard = () =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <ReviewCard item={item} />
    </QueryClientProvider>,
  );

const checkedRating = () => (document.querySelector('input[name=rating]:checked') as HTMLInputElement | null)?.value;

describe('ReviewCard', () => {
  it('answer first, then the verdict with its explanation, then a recall rating preselected from it', async () => {
    renderCard();
    expect(screen.queryByText('How well did you recall it?')).toBeNull();
    fireEvent.click(screen.getByLabelText('WHERE'));
    fireEvent.click(screen.getByRole('button', { name: 'Check answer' }));
    expect((await screen.findByRole('status')).textContent).toContain('Not quite');
    expect(screen.getByText('HAVING filters groups.')).toBeTruthy();
    expect(checkedRating()).toBe('again');
    // The learner may disagree with the default.
    fireEvent.click(screen.getByLabelText(/Hard/));
    fireEvent.click(screen.getByRole('button', { name: 'Save and continue' }));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls).toEqual([
      { url: '/api/quizzes/sql-quiz/questions/q-one/check', body: { answer: 'a' } },
      { url: '/api/review/sql-quiz.q-one', body: { rating: 'hard' } },
    ]);
  });

  it('a right answer preselects Good', async () => {
    renderCard();
    fireEvent.click(screen.getByLabelText('HAVING'));
    fireEvent.click(screen.getByRole('button', { name: 'Check answer' }));
    expect((await screen.findByRole('status')).textContent).toContain('Correct');
    expect(checkedRating()).toBe('good');
    expect(defaultRating(true)).toBe('good');
    expect(defaultRating(false)).toBe('again');
  });
});
