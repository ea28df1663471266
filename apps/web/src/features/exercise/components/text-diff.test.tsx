import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { diffRows, TextDiff } from './text-diff.tsx';

afterEach(cleanup);

describe('diffRows', () => {
  it('marks lines only in the expected value, only in the answer, and shared', () => {
    expect(diffRows('a\nb\nc\n', 'a\nB\nc\n')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'expected', text: 'b' },
      { kind: 'actual', text: 'B' },
      { kind: 'same', text: 'c' },
    ]);
  });

  it('shows a missing trailing row as expected only', () => {
    expect(diffRows('1\n2', '1')).toEqual([
      { kind: 'same', text: '1' },
      { kind: 'expected', text: '2' },
    ]);
  });
});

describe('TextDiff', () => {
  it('renders each line with words for screen readers', () => {
    const { container } = render(<TextDiff expected={'[1, 2]'} actual={'[2, 1]'} />);
    const lines = [...container.querySelectorAll('.diff-line')].map((l) => [l.className, l.textContent]);
    expect(lines).toEqual([
      ['diff-line expected', '−expected: [1, 2]'],
      ['diff-line actual', '+yours: [2, 1]'],
    ]);
  });
});
