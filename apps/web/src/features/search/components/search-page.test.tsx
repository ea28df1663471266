import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderScreen } from '../../../test/render-screen.tsx';
import { SearchPage } from './search-page.tsx';
import { isSearchShortcut } from './search-shortcut.ts';

let asked: string[];
beforeEach(() => {
  asked = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      asked.push(url);
      const q = new URL(url, 'http://x').searchParams.get('q');
      return Response.json({
        query: q,
        correctedQuery: q === 'idempotnet' ? 'idempotent' : null,
        results: [
          {
            kind: 'lesson',
            title: 'REST design',
            url: '/topics/rest-design',
            topicId: 'rest-design',
            snippet: [
              { text: 'PUT is ', match: false },
              { text: 'idempotent', match: true },
              { text: ' <b>by</b> design', match: false },
            ],
          },
        ],
      });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('SearchPage', () => {
  it('searches as the learner types, marks the matching words and prints the rest as text', async () => {
    await renderScreen(SearchPage, { path: '/search' });
    const field = screen.getByLabelText(/Search lessons, exercises/);
    expect(document.activeElement).toBe(field);
    fireEvent.change(field, { target: { value: 'idempotent' } });
    const link = await screen.findByRole('link', { name: 'REST design' });
    expect(link.getAttribute('href')).toBe('/topics/rest-design');
    expect(screen.getByText('idempotent').tagName).toBe('MARK');
    // Markup in a snippet is shown, never interpreted.
    expect(document.querySelector('.search-snippet b')).toBeNull();
    expect(screen.getByText(/<b>by<\/b> design/)).toBeTruthy();
    expect(screen.getByText('1 result.')).toBeTruthy();
  });

  it('says which words it searched when it corrected a typo, and waits for two characters', async () => {
    await renderScreen(SearchPage, { path: '/search?q=idempotnet' });
    expect(await screen.findByText('idempotent', { selector: 'strong' })).toBeTruthy();
    expect(screen.getByText(/Showing results for/)).toBeTruthy();
    const before = asked.length;
    fireEvent.change(screen.getByLabelText(/Search lessons, exercises/), { target: { value: 'a' } });
    await new Promise((r) => setTimeout(r, 300));
    expect(asked.length).toBe(before);
    await waitFor(() => expect(screen.queryByRole('link', { name: 'REST design' })).toBeNull());
  });
});

describe('the search shortcut', () => {
  const key = (init: KeyboardEventInit, target: EventTarget = document.body) => {
    const e = new KeyboardEvent('keydown', init);
    Object.defineProperty(e, 'target', { value: target });
    return e;
  };
  it('is / outside fields, and Ctrl-K or ⌘-K anywhere', () => {
    expect(isSearchShortcut(key({ key: '/' }))).toBe(true);
    expect(isSearchShortcut(key({ key: 'k', ctrlKey: true }))).toBe(true);
    expect(isSearchShortcut(key({ key: 'K', metaKey: true }))).toBe(true);
    expect(isSearchShortcut(key({ key: '/' }, document.createElement('input')))).toBe(false);
    expect(isSearchShortcut(key({ key: '/' }, document.createElement('textarea')))).toBe(false);
    expect(isSearchShortcut(key({ key: 'k' }))).toBe(false);
  });
});
