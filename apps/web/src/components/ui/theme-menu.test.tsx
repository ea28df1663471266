/**
 * The theme switch: a labelled menu button worked from the keyboard, the choice remembered in
 * localStorage and applied to <html data-theme>, and public/theme.js (the blocking script in
 * index.html) applying a remembered choice before the app runs.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ThemeMenu } from './theme-menu.tsx';

const WEB = resolve(import.meta.dirname, '../../..');

function systemPrefers(dark: boolean) {
  vi.stubGlobal(
    'matchMedia',
    vi.fn((query: string) => ({
      matches: dark && query.includes('dark'),
      media: query,
      addEventListener: () => {},
      removeEventListener: () => {},
    })),
  );
}

beforeEach(() => {
  localStorage.clear();
  delete document.documentElement.dataset.theme;
  systemPrefers(false);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ThemeMenu', () => {
  it('is a labelled menu button; the keyboard opens it, moves and chooses Dark, which is remembered', () => {
    render(<ThemeMenu />);
    const button = screen.getByRole('button', { name: 'Theme: System' });
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.keyDown(button, { key: 'ArrowDown' });
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const items = screen.getAllByRole('menuitemradio');
    expect(items.map((i) => [i.textContent, i.getAttribute('aria-checked')])).toEqual([
      ['Light', 'false'],
      ['Dark', 'false'],
      ['System', 'true'],
    ]);
    expect(document.activeElement).toBe(items[0]);
    fireEvent.keyDown(items[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[1]);
    fireEvent.keyDown(items[1]!, { key: 'End' });
    expect(document.activeElement).toBe(items[2]);
    fireEvent.keyDown(items[2]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[0]);
    fireEvent.click(screen.getByRole('menuitemradio', { name: 'Dark' }));
    expect(localStorage.getItem('backpath.theme')).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Theme: Dark' }));
  });

  it('Escape closes the menu without changing anything; System follows the system setting', () => {
    localStorage.setItem('backpath.theme', 'light');
    systemPrefers(true);
    render(<ThemeMenu />);
    const button = screen.getByRole('button', { name: 'Theme: Light' });
    fireEvent.click(button);
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(localStorage.getItem('backpath.theme')).toBe('light');
    fireEvent.click(button);
    fireEvent.click(screen.getByRole('menuitemradio', { name: 'System' }));
    expect(localStorage.getItem('backpath.theme')).toBeNull();
    expect(document.documentElement.dataset.theme).toBe('dark');
  });
});

describe('public/theme.js (runs before the first paint)', () => {
  const run = () => new Function(readFileSync(resolve(WEB, 'public/theme.js'), 'utf8'))();

  it('applies a remembered choice, else the system setting', () => {
    localStorage.setItem('backpath.theme', 'dark');
    run();
    expect(document.documentElement.dataset.theme).toBe('dark');
    localStorage.setItem('backpath.theme', 'light');
    systemPrefers(true);
    run();
    expect(document.documentElement.dataset.theme).toBe('light');
    localStorage.clear();
    run();
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('is loaded by index.html as a blocking script in <head>, before the app', () => {
    const html = readFileSync(resolve(WEB, 'index.html'), 'utf8');
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toMatch(/<script src="\/theme\.js"><\/script>/);
    expect(head).not.toMatch(/<script src="\/theme\.js"[^>]*(defer|async|type="module")/);
  });
});
