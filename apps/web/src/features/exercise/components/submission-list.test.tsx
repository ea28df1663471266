import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Submission, SubmissionComment } from '../../../lib/api-types.ts';
import { SubmissionList } from './submission-list.tsx';

const ME = 'learner-1';
const mentor = { id: 'mentor-1', name: 'Grace Mentor' };
const learner = { id: ME, name: 'Ada Learner' };

const submission = (id: string): Submission => ({
  id,
  exerciseId: 'alpha-sql',
  status: 'graded',
  mode: 'submit',
  code: 'SELECT 1',
  result: { version: 1, status: 'fail', message: 'no', durationMs: 1, tests: [] },
  createdAt: '2026-01-02T10:00:00.000Z',
  gradedAt: '2026-01-02T10:00:01.000Z',
  durationMs: 1,
});

const comment = (
  id: string,
  author: { id: string; name: string },
  text: string,
  replies: SubmissionComment[] = [],
): SubmissionComment => ({
  id,
  parentId: null,
  author,
  html: `<p>${text}</p>`,
  createdAt: '2026-01-02T11:00:00.000Z',
  replies,
});

let threads: Record<string, SubmissionComment[]>;
let posted: { url: string; body: unknown }[];

beforeEach(() => {
  localStorage.clear();
  posted = [];
  threads = {
    's-1': [
      comment('c-1', mentor, 'Use ORDER BY.', [comment('c-2', learner, 'Thanks!')]),
      comment('c-3', mentor, 'And a LIMIT.'),
    ],
    's-2': [],
  };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const id = /\/api\/submissions\/([^/]+)\/comments/.exec(url)?.[1] ?? '';
      if (init?.method === 'POST') {
        posted.push({ url, body: JSON.parse(String(init.body)) });
        return new Response(JSON.stringify(comment('c-9', learner, 'reply')), { status: 201 });
      }
      return new Response(JSON.stringify({ items: threads[id] ?? [] }), { status: 200 });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderList() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <SubmissionList submissions={[submission('s-1'), submission('s-2')]} viewerId={ME} onOpen={() => {}} />
    </QueryClientProvider>,
  );
}

describe('SubmissionList', () => {
  it('shows the mentor’s comments on a submission, threaded, with how many are new', async () => {
    const { container } = renderList();
    const summary = await screen.findByText('3 comments');
    // The learner's own reply is never "new"; the mentor's two comments are.
    expect(summary.textContent).toBe('3 comments2 new');
    expect(screen.getByRole('heading', { name: /Previous attempts/ }).textContent).toContain('2 new comments');
    // A submission without comments shows no thread at all.
    expect(container.querySelectorAll('details.submission-comments')).toHaveLength(1);

    const details = container.querySelector('details')!;
    const thread = within(details);
    expect(thread.getByText('Use ORDER BY.')).toBeTruthy();
    // The reply is nested under the comment it answers.
    const first = thread.getByText('Use ORDER BY.').closest('li')!;
    expect(within(first).getByText('Thanks!').closest('.comment-replies')).toBeTruthy();
    expect(thread.getByText('And a LIMIT.').closest('.comment-replies')).toBeNull();
  });

  it('opening the thread marks its comments seen, and stays so on the next visit', async () => {
    const { container, unmount } = renderList();
    await screen.findByText('3 comments');
    const details = container.querySelector('details')!;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    await waitFor(() => expect(screen.getByText('3 comments').textContent).toBe('3 comments'));
    expect(screen.getByRole('heading', { name: /Previous attempts/ }).textContent).not.toContain('new');
    unmount();

    threads['s-1']!.push(comment('c-4', mentor, 'One more thing.'));
    renderList();
    expect((await screen.findByText('4 comments')).textContent).toBe('4 comments1 new');
  });

  it('lets the learner reply to a comment, naming it as the parent', async () => {
    const { container } = renderList();
    await screen.findByText('3 comments');
    const details = within(container.querySelector('details')!);
    fireEvent.click(details.getAllByRole('button', { name: 'Reply' })[0]!);
    fireEvent.change(details.getByLabelText('Reply to Grace Mentor'), { target: { value: 'Done, thanks.' } });
    fireEvent.click(details.getByRole('button', { name: 'Send reply' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toEqual({
      url: '/api/submissions/s-1/comments',
      body: { body: 'Done, thanks.', parentId: 'c-1' },
    });
  });
});
