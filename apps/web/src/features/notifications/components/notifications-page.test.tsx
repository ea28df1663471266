import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderScreen } from '../../../test/render-screen.tsx';
import type { Notification, Preferences } from '../api/use-notifications.ts';
import { NotificationsPage } from './notifications-page.tsx';

let calls: { method: string; url: string; body: unknown }[];
let notifications: Notification[];
let prefs: Preferences;

const note = (id: string, title: string, readAt: string | null = null): Notification => ({
  id,
  kind: 'comment',
  title,
  body: `Body of ${title}`,
  link: `/exercises/${id}`,
  createdAt: '2026-12-05T10:00:00.000Z',
  readAt,
});

beforeEach(() => {
  calls = [];
  notifications = [note('n2', 'Newer comment'), note('n1', 'Older comment', '2026-12-05T11:00:00.000Z')];
  prefs = {
    comment: { inApp: true },
    reply: { inApp: true },
    review_due: { inApp: true },
    credential: { inApp: true },
  };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ method, url, body });
      const read = /^\/api\/notifications\/([^/]+)\/read$/.exec(url);
      if (read) {
        notifications = notifications.map((n) => (n.id === read[1] ? { ...n, readAt: '2026-12-05T12:00:00.000Z' } : n));
        return Response.json(notifications.find((n) => n.id === read[1]));
      }
      if (url === '/api/notifications/read-all') {
        const marked = notifications.filter((n) => !n.readAt).length;
        notifications = notifications.map((n) => ({ ...n, readAt: n.readAt ?? '2026-12-05T12:00:00.000Z' }));
        return Response.json({ marked });
      }
      if (url === '/api/notifications/preferences') {
        if (method === 'PUT') prefs = { ...prefs, ...body };
        return Response.json(prefs);
      }
      if (url === '/api/notifications') return Response.json({ items: notifications, nextCursor: null });
      return Response.json({ error: { code: 'not_found', message: 'Not here.' } }, { status: 404 });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('NotificationsPage', () => {
  it('lists newest first, says which are unread, and marks one read with its button', async () => {
    await renderScreen(NotificationsPage, { path: '/notifications' });
    const items = await screen.findAllByRole('listitem');
    expect(items.map((li) => within(li).getByRole('heading').textContent)).toEqual([
      'Unread: Newer comment',
      'Older comment',
    ]);
    expect(within(items[1]!).queryByRole('button')).toBeNull();
    fireEvent.click(within(items[0]!).getByRole('button', { name: 'Mark as read: Newer comment' }));
    await waitFor(() => expect(screen.queryByText('Unread:', { exact: false })).toBeNull());
    expect(calls).toContainEqual({ method: 'POST', url: '/api/notifications/n2/read', body: {} });
    expect((screen.getByRole('button', { name: 'Mark all as read' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('opening an unread one marks it read and goes to its page', async () => {
    const { router } = await renderScreen(NotificationsPage, { path: '/notifications' });
    fireEvent.click(await screen.findByRole('link', { name: 'Newer comment' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/exercises/n2'));
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual(['/api/notifications/n2/read']);
  });

  it('"Mark all as read" clears every unread one', async () => {
    notifications.push(note('n0', 'Oldest comment'));
    await renderScreen(NotificationsPage, { path: '/notifications' });
    await screen.findAllByText(/^Unread:/);
    fireEvent.click(screen.getByRole('button', { name: 'Mark all as read' }));
    await waitFor(() => expect(screen.queryAllByText(/^Unread:/)).toHaveLength(0));
    expect(calls).toContainEqual({ method: 'POST', url: '/api/notifications/read-all', body: {} });
  });

  it('switches a kind off with its labelled checkbox', async () => {
    await renderScreen(NotificationsPage, { path: '/notifications' });
    const box = (await screen.findByLabelText('Replies to my comments')) as HTMLInputElement;
    await waitFor(() => expect(box.closest('fieldset')?.disabled).toBe(false));
    expect(box.checked).toBe(true);
    fireEvent.click(box);
    await waitFor(() => expect(box.checked).toBe(false));
    expect(calls).toContainEqual({
      method: 'PUT',
      url: '/api/notifications/preferences',
      body: { reply: { inApp: false } },
    });
    expect(screen.getByRole('status').textContent).toContain('Saved.');
  });

  it('says so when there is nothing yet', async () => {
    notifications = [];
    await renderScreen(NotificationsPage, { path: '/notifications' });
    expect(await screen.findByText(/^Nothing yet\./)).toBeTruthy();
  });
});
