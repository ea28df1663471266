/**
 * CodeMirror 6 wired to React: highlighting for the exercise's language, the value kept in sync both
 * ways, and Ctrl/Cmd+Enter to run (Shift too, to submit). On a phone-sized screen long lines wrap, so
 * no code hides past the edge. Loaded only with the exercise screen.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { EditorLanguage } from '../lib/editor-language.ts';
import { highlight } from '../lib/highlight.ts';
import { loadLanguage } from '../lib/load-language.ts';

/** Below this width the editor wraps long lines instead of scrolling them sideways. */
const NARROW = '(max-width: 640px)';

export interface CodeEditorProps {
  value: string;
  language: EditorLanguage;
  label: string;
  onChange: (value: string) => void;
  onRun?: () => void;
  onSubmit?: () => void;
}

export function CodeEditor({ value, language, label, onChange, onRun, onSubmit }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // Callbacks change every render; the editor reads the latest through refs instead of being rebuilt.
  const handlers = useRef({ onChange, onRun, onSubmit });
  handlers.current = { onChange, onRun, onSubmit };

  // The editor is rebuilt only when the language changes; value changes flow in through the next effect.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the initial value is read once on purpose
  useEffect(() => {
    if (!host.current) return;
    const runKeys = keymap.of([
      {
        key: 'Mod-Enter',
        run: () => {
          handlers.current.onRun?.();
          return true;
        },
      },
      {
        key: 'Shift-Mod-Enter',
        run: () => {
          handlers.current.onSubmit?.();
          return true;
        },
      },
    ]);
    const lang = new Compartment();
    const wrap = new Compartment();
    const narrow = typeof window.matchMedia === 'function' ? window.matchMedia(NARROW) : undefined;
    const wrapping = () => (narrow?.matches ? EditorView.lineWrapping : []);
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          runKeys,
          lineNumbers(),
          history(),
          indentOnInput(),
          bracketMatching(),
          syntaxHighlighting(highlight),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          lang.of([]),
          wrap.of(wrapping()),
          placeholder('Write your answer here'),
          // An explicit tab stop: checkers (axe) do not count contenteditable alone as keyboard-reachable.
          EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) handlers.current.onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    const rewrap = () => v.dispatch({ effects: wrap.reconfigure(wrapping()) });
    narrow?.addEventListener('change', rewrap);
    // Each language's grammar is its own chunk, fetched when an exercise needs it.
    let live = true;
    void loadLanguage(language).then((ext) => {
      if (live) v.dispatch({ effects: lang.reconfigure(ext) });
    });
    return () => {
      live = false;
      narrow?.removeEventListener('change', rewrap);
      v.destroy();
      view.current = null;
    };
  }, [language, label]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
    }
  }, [value]);

  return <div className="code-editor" ref={host} data-language={language} />;
}
