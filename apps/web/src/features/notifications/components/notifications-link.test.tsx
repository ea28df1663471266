import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderScreen } from '../../../test/render-screen.tsx';
import { NotificationsLink } from './notifications-link.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function stubCount(count: number) {
  const urls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      urls.push(url);
      return Response.json({ count });
    }),
  );
  return urls;
}

describe('NotificationsLink', () => {
  it('shows the unread count, read out as "unread"', async () => {
    stubCount(3);
    await renderScreen(() => <NotificationsLink signedIn />);
    const link = await screen.findByRole('link', { name: 'Notifications 3 unread' });
    expect(link.getAttribute('href')).toBe('/notifications');
    expect(link.querySelector('.nav-badge')?.textContent).toBe('3 unread');
  });

  it('caps a large count at 99+', async () => {
    stubCount(250);
    await renderScreen(() => <NotificationsLink signedIn />);
    expect(await screen.findByRole('link', { name: 'Notifications 99+ unread' })).toBeTruthy();
  });

  it('shows no badge at zero, and asks nothing when signed out', async () => {
    stubCount(0);
    await renderScreen(() => <NotificationsLink signedIn />);
    await vi.waitFor(() => expect(vi.mocked(fetch)).toHaveBeenCalled());
    expect((await screen.findByRole('link', { name: 'Notifications' })).querySelector('.nav-badge')).toBeNull();
    cleanup();
    const urls = stubCount(5);
    await renderScreen(() => <NotificationsLink signedIn={false} />);
    expect(screen.getByRole('link', { name: 'Notifications' })).toBeTruthy();
    expect(urls).toEqual([]);
  });
});
