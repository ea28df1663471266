import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderScreen } from '../test/render-screen.tsx';
import { AppShell } from './app-shell.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function stubApi(due: number | null) {
  const urls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      urls.push(url);
      if (url === '/api/me') {
        return due === null
          ? Response.json({ error: { code: 'unauthorized', message: 'Sign in.' } }, { status: 401 })
          : Response.json({ id: 'u1', email: 'a@example.com', name: 'Ada', role: 'learner', twoFactorEnabled: false });
      }
      if (url === '/api/review?limit=0') return Response.json({ items: [], count: due, nextDueAt: null });
      return Response.json({});
    }),
  );
  return urls;
}

describe('AppShell navigation', () => {
  it('shows how many questions are due on the Review link', async () => {
    stubApi(7);
    await renderScreen(AppShell);
    const link = await screen.findByRole('link', { name: 'Review 7 due' });
    expect(link.getAttribute('href')).toBe('/review');
    // The theme switch is in the header for everyone.
    expect(screen.getByRole('button', { name: /^Theme: / }).getAttribute('aria-haspopup')).toBe('menu');
    // Search is one link away, and / or Ctrl-K from anywhere.
    const search = screen.getByRole('link', { name: 'Search' });
    expect(search.getAttribute('href')).toBe('/search');
    expect(search.getAttribute('aria-keyshortcuts')).toBe('/ Control+K');
  });

  it('shows no badge when nothing is due, and asks nothing of a visitor', async () => {
    stubApi(0);
    await renderScreen(AppShell);
    expect((await screen.findByRole('link', { name: 'Review' })).textContent).toBe('Review');
    cleanup();
    const urls = stubApi(null);
    await renderScreen(AppShell);
    await screen.findByRole('link', { name: 'Sign in' });
    expect(urls).not.toContain('/api/review?limit=0');
    expect(screen.queryByRole('link', { name: /Review/ })).toBeNull();
  });
});
