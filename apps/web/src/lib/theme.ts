/**
 * The learner's theme: light, dark or the system's, kept in localStorage and applied as
 * `<html data-theme="light|dark">`. public/theme.js applies it before the first paint with the same
 * key and rule; the stylesheets switch on the attribute.
 */
export type ThemeChoice = 'light' | 'dark' | 'system';
export const THEME_KEY = 'backpath.theme';

export function readThemeChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

const systemDark = () =>
  typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;

export function applyThemeChoice(choice: ThemeChoice): void {
  const dark = choice === 'dark' || (choice === 'system' && systemDark());
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

export function saveThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, choice);
  } catch {
    // storage blocked: the choice lasts until the page is closed
  }
  applyThemeChoice(choice);
}
