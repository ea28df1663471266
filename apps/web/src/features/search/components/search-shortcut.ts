/**
 * The search shortcut: `/` (when not typing in a field) or Ctrl-K / ⌘-K opens the search page with
 * its field focused, as on most documentation and code sites.
 */
import { useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';

export function isSearchShortcut(e: KeyboardEvent): boolean {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') return true;
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return false;
  const target = e.target as HTMLElement | null;
  const typing =
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    target?.isContentEditable === true ||
    target?.closest?.('.cm-editor') != null;
  return !typing;
}

export function useSearchShortcut(): void {
  const navigate = useNavigate();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isSearchShortcut(e)) return;
      e.preventDefault();
      const field = document.getElementById('site-search') as HTMLInputElement | null;
      if (field) {
        field.focus();
        field.select();
      } else {
        void navigate({ to: '/search' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
}
