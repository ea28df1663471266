/**
 * The exercise workspace against a stubbed API: the verdict arrives through the server-sent events
 * stream (polling only when the stream fails), and a solved exercise opened in a browser without a
 * draft shows the learner's passing solution.
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PublicExercise, Submission } from '../../../lib/api-types.ts';
import { renderScreen } from '../../../test/render-screen.tsx';
import { Workspace } from './exercise-page.tsx';

const exercise: PublicExercise = {
  id: 'alpha-sql',
  topicId: 'alpha',
  title: 'Cheap books',
  kind: 'sql',
  difficulty: 'easy',
  minutes: 5,
  instructions: 'List them.',
  instructionsHtml: '<p>List them.</p>',
  starter: 'SELECT -- starter',
  hints: [],
  visibleChecks: [],
  hiddenCheckCount: 1,
};

const passed = {
  version: 1,
  status: 'pass',
  message: 'All checks passed.',
  durationMs: 2,
  tests: [{ name: 'lists cheap books', status: 'pass', hidden: false }],
} as Submission['result'];

const submission = (over: Partial<Submission>): Submission => ({
  id: 's-old',
  exerciseId: 'alpha-sql',
  status: 'graded',
  mode: 'submit',
  code: 'SELECT title FROM books WHERE price < 10;',
  result: passed,
  createdAt: '2026-01-02T10:00:00.000Z',
  gradedAt: '2026-01-02T10:00:01.000Z',
  durationMs: 1,
  ...over,
});

/** The browser's EventSource, played by the test: it sends `result` for a graded submission, or fails. */
let streamBehaviour: 'result' | 'error';
const streams: string[] = [];
class FakeEventSource {
  listeners = new Map<string, ((e: MessageEvent<string>) => void)[]>();
  closed = false;
  constructor(url: string) {
    streams.push(url);
    setTimeout(() => {
      if (this.closed) return;
      if (streamBehaviour === 'error') this.emit('error', '');
      else this.emit('result', JSON.stringify(submission({ id: 's-new', code: 'SELECT 2;' })));
    }, 5);
  }
  addEventListener(type: string, fn: (e: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  emit(type: string, data: string) {
    for (const fn of this.listeners.get(type) ?? []) fn(new MessageEvent(type, { data }));
  }
  close() {
    this.closed = true;
  }
}

let history: Submission[];
let requests: string[];

beforeEach(() => {
  localStorage.clear();
  streams.length = 0;
  requests = [];
  history = [];
  streamBehaviour = 'result';
  vi.stubGlobal('EventSource', FakeEventSource);
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      requests.push(`${init?.method ?? 'GET'} ${url}`);
      if (url === '/api/me')
        return Response.json({
          id: 'u1',
          email: 'a@example.com',
          name: 'Ada',
          role: 'learner',
          twoFactorEnabled: false,
        });
      if (url.startsWith('/api/exercises/alpha-sql/submissions?')) return Response.json({ items: history });
      if (url === '/api/exercises/alpha-sql/submissions' && init?.method === 'POST')
        return Response.json(submission({ id: 's-new', status: 'queued', result: null }), { status: 202 });
      if (url === '/api/submissions/s-new') return Response.json(submission({ id: 's-new' }));
      return Response.json({ error: { code: 'not_found', message: 'Not found.' } }, { status: 404 });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const editorText = (container: HTMLElement) => container.querySelector('.cm-content')?.textContent ?? '';

describe('exercise workspace', () => {
  it('shows the verdict that arrives through the event stream, without polling', async () => {
    await renderScreen(() => <Workspace exercise={exercise} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Submit' }));
    await screen.findByText('Solved! Every check passes.');
    expect(streams).toEqual(['/api/submissions/s-new/events']);
    expect(requests).not.toContain('GET /api/submissions/s-new');
  });

  it('polls for the verdict when the event stream fails', async () => {
    streamBehaviour = 'error';
    await renderScreen(() => <Workspace exercise={exercise} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Submit' }));
    await screen.findByText('Solved! Every check passes.');
    expect(streams).toHaveLength(1);
    expect(requests).toContain('GET /api/submissions/s-new');
  });

  it('opens a solved exercise with the latest passing solution and says from when', async () => {
    history = [
      submission({ id: 's-3', code: 'SELECT broken', result: { ...passed!, status: 'fail' } }),
      submission({ id: 's-run', mode: 'run', code: 'SELECT only visible' }),
      submission({ id: 's-2', code: 'SELECT title FROM books WHERE price < 10;' }),
      submission({ id: 's-1', code: 'SELECT older passing', createdAt: '2025-12-01T10:00:00.000Z' }),
    ];
    const { container } = await renderScreen(() => <Workspace exercise={exercise} />);
    const note = await screen.findByText(/Loaded your passing solution from/);
    expect(note.textContent).toMatch(/2026/);
    await waitFor(() => expect(editorText(container)).toBe('SELECT title FROM books WHERE price < 10;'));
  });

  it('keeps a local draft instead, and a learner with no pass keeps the starter', async () => {
    localStorage.setItem('backpath.draft.alpha-sql', 'SELECT my draft');
    history = [submission({})];
    const first = await renderScreen(() => <Workspace exercise={exercise} />);
    await screen.findByRole('button', { name: 'Submit' });
    expect(editorText(first.container)).toBe('SELECT my draft');
    expect(screen.queryByText(/Loaded your passing solution/)).toBeNull();
    cleanup();

    localStorage.clear();
    history = [submission({ result: { ...passed!, status: 'fail' } })];
    const second = await renderScreen(() => <Workspace exercise={exercise} />);
    await waitFor(() => expect(requests).toContain('GET /api/exercises/alpha-sql/submissions?limit=20'));
    await screen.findByRole('button', { name: 'Submit' });
    expect(editorText(second.container)).toBe('SELECT -- starter');
    expect(screen.queryByText(/Loaded your passing solution/)).toBeNull();
  });
});
