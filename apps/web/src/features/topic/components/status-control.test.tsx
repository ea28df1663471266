import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderScreen } from '../../../test/render-screen.tsx';
import { StatusControl } from './status-control.tsx';

let progress: { id: string; status: string; source: string | null };
let puts: unknown[];

beforeEach(() => {
  puts = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/me') return Response.json({ id: 'u1', email: 'a@example.test', name: 'Ada', role: 'learner' });
      if (url === '/api/progress') {
        return Response.json({
          overall: { done: 0, total: 1, percent: 0 },
          stages: [{ id: 's', title: 'S', number: 1, done: 0, passed: 0, total: 1, percent: 0, topics: [progress] }],
          retired: [],
        });
      }
      if (url === '/api/progress/topics/sql' && init?.method === 'PUT') {
        const body = JSON.parse(String(init.body));
        puts.push(body);
        // The server: nothing of the topic's graded work passed, so a "done" is self-reported.
        progress = { id: 'sql', status: body.status, source: 'self' };
        return Response.json({ topicId: 'sql', status: body.status, source: 'self' });
      }
      return new Response('{}', { status: 404 });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('StatusControl', () => {
  it('labels a done the learner set as self-reported and says it does not count towards a credential', async () => {
    progress = { id: 'sql', status: 'learning', source: 'self' };
    await renderScreen(() => <StatusControl topicId="sql" />);
    await waitFor(() => expect((screen.getByLabelText('Learning') as HTMLInputElement).checked).toBe(true));
    expect(screen.getByText(/only passing the topic’s exercises and quiz counts towards a credential/)).toBeTruthy();

    fireEvent.click(screen.getByLabelText('Done'));
    await screen.findByLabelText('Done (self-reported)');
    expect(puts).toEqual([{ status: 'done' }]);
    expect((screen.getByLabelText('Done (self-reported)') as HTMLInputElement).checked).toBe(true);
  });

  it('labels a done earned by graded work as passed', async () => {
    progress = { id: 'sql', status: 'done', source: 'graded' };
    await renderScreen(() => <StatusControl topicId="sql" />);
    expect(((await screen.findByLabelText('Done — passed')) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText(/You passed every exercise and the quiz of this topic/)).toBeTruthy();
    expect(screen.queryByText(/self-reported/)).toBeNull();
  });
});
