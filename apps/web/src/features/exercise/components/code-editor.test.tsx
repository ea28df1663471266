import { EditorView } from '@codemirror/view';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CodeEditor } from './code-editor.tsx';

afterEach(cleanup);

function mount(props: Partial<Parameters<typeof CodeEditor>[0]> = {}) {
  const onChange = vi.fn();
  const onRun = vi.fn();
  const onSubmit = vi.fn();
  const utils = render(
    <CodeEditor
      value="SELECT 1;"
      language="sql"
      label="Your SQL answer"
      onChange={onChange}
      onRun={onRun}
      onSubmit={onSubmit}
      {...props}
    />,
  );
  const content = utils.container.querySelector('.cm-content') as HTMLElement;
  const view = EditorView.findFromDOM(utils.container.querySelector('.cm-editor') as HTMLElement)!;
  return { ...utils, content, view, onChange, onRun, onSubmit };
}

describe('CodeEditor', () => {
  it('shows the value with an accessible label', () => {
    const { content, view } = mount();
    expect(view.state.doc.toString()).toBe('SELECT 1;');
    expect(content.getAttribute('aria-label')).toBe('Your SQL answer');
    // A tab stop that accessibility checkers recognise when long lines make the editor scroll.
    expect(content.getAttribute('tabindex')).toBe('0');
  });

  it('reports edits through onChange', () => {
    const { view, onChange } = mount();
    view.dispatch({ changes: { from: view.state.doc.length, insert: '\nSELECT 2;' } });
    expect(onChange).toHaveBeenLastCalledWith('SELECT 1;\nSELECT 2;');
  });

  it('takes a new value from its props without losing the editor', () => {
    const { rerender, view, onChange } = mount();
    rerender(<CodeEditor value="SELECT 3;" language="sql" label="Your SQL answer" onChange={onChange} />);
    expect(view.state.doc.toString()).toBe('SELECT 3;');
  });

  it('runs on Ctrl+Enter and submits on Ctrl+Shift+Enter', () => {
    const { content, onRun, onSubmit } = mount();
    content.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, cancelable: true }),
    );
    expect(onRun).toHaveBeenCalledTimes(1);
    expect(onSubmit).not.toHaveBeenCalled();
    content.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, shiftKey: true, bubbles: true, cancelable: true }),
    );
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });
});
