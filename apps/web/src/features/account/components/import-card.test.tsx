import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ImportCard, learningDocument } from './import-card.tsx';

let posted: unknown[];
beforeEach(() => {
  posted = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init?: RequestInit) => {
      posted.push(JSON.parse(String(init?.body)));
      return Response.json({
        imported: { progress: 2, reviewCards: 3, activityDays: 0, keptFromOrigin: 1 },
        notes: ['Portfolio settings imported as "ada", unpublished: publish the page when you are ready.'],
      });
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
      <ImportCard />
    </QueryClientProvider>,
  );
const pick = (name: string, text: string) =>
  fireEvent.change(screen.getByLabelText('Export file (JSON)'), { target: { files: [new File([text], name)] } });

describe('ImportCard', () => {
  it('sends the learning part of a whole-account export and says what was merged', async () => {
    renderCard();
    pick(
      'backpath-export.json',
      JSON.stringify({ account: { id: 'x' }, learning: { format: 'backpath-learning-export' } }),
    );
    const status = await screen.findByRole('status');
    expect(posted).toEqual([{ format: 'backpath-learning-export' }]);
    expect(status.textContent).toContain('Imported 2 topic statuses, 3 review cards');
    expect(status.textContent).not.toContain('days of activity');
    expect(status.textContent).toContain('unpublished');
  });

  it('explains a file that is not JSON instead of sending it', async () => {
    renderCard();
    pick('notes.txt', 'not json');
    expect((await screen.findByRole('alert')).textContent).toContain('notes.txt is not a JSON export');
    expect(posted).toEqual([]);
  });

  it('passes a learning export through unchanged', () => {
    const doc = { format: 'backpath-learning-export', version: 2 };
    expect(learningDocument(doc)).toBe(doc);
  });
});
