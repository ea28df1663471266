/**
 * The header's theme switch: a menu button (WAI-ARIA menu pattern) offering Light, Dark and System.
 * Enter, Space or ↓ opens it on the first choice, ↑/↓/Home/End move, Enter or Space chooses, Esc
 * closes it and returns focus to the button. The choice is remembered in this browser.
 */
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { readThemeChoice, saveThemeChoice, type ThemeChoice } from '../../lib/theme.ts';

const CHOICES: { value: ThemeChoice; label: string }[] = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'system', label: 'System' },
];

function ThemeIcon({ choice }: { choice: ThemeChoice }) {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
      focusable="false"
    >
      {choice === 'light' ? (
        <>
          <circle cx="12" cy="12" r="4.5" />
          <path d="M12 2v2.5M12 19.5V22M2 12h2.5M19.5 12H22M4.9 4.9l1.8 1.8M17.3 17.3l1.8 1.8M4.9 19.1l1.8-1.8M17.3 6.7l1.8-1.8" />
        </>
      ) : choice === 'dark' ? (
        <path d="M20.5 14.5A8.5 8.5 0 0 1 9.5 3.5a8.5 8.5 0 1 0 11 11z" />
      ) : (
        <>
          <circle cx="12" cy="12" r="8.5" />
          <path d="M12 3.5v17a8.5 8.5 0 0 0 0-17z" fill="currentColor" />
        </>
      )}
    </svg>
  );
}

export function ThemeMenu() {
  const [choice, setChoice] = useState<ThemeChoice>(readThemeChoice);
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  const current = CHOICES.find((c) => c.value === choice) ?? CHOICES[2]!;

  useEffect(() => {
    if (!open) return;
    items.current[0]?.focus();
    const outside = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const choose = (value: ThemeChoice) => {
    saveThemeChoice(value);
    setChoice(value);
    close();
  };
  const onMenuKey = (e: KeyboardEvent) => {
    const list = items.current.filter((b): b is HTMLButtonElement => b !== null);
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    const move = (i: number) => list[(i + list.length) % list.length]?.focus();
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(list.length - 1);
    else if (e.key === 'Escape') close();
    else if (e.key === 'Tab') setOpen(false);
    else return;
    if (e.key !== 'Tab') e.preventDefault();
  };

  return (
    <div className="theme-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="button ghost theme-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        title={`Theme: ${current.label}`}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        <ThemeIcon choice={choice} />
        <span className="visually-hidden">Theme: {current.label}</span>
      </button>
      {open && (
        <div className="theme-options" role="menu" id={menuId} aria-label="Theme" onKeyDown={onMenuKey}>
          {CHOICES.map((c, i) => (
            <button
              key={c.value}
              ref={(el) => {
                items.current[i] = el;
              }}
              type="button"
              role="menuitemradio"
              aria-checked={c.value === choice}
              tabIndex={-1}
              onClick={() => choose(c.value)}
            >
              <ThemeIcon choice={c.value} />
              {c.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
