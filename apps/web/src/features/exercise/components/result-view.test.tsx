import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { GradeResult } from '../../../lib/api-types.ts';
import { ResultView } from './result-view.tsx';

afterEach(cleanup);

const base = { version: 1 as const, durationMs: 12.4 };

describe('ResultView', () => {
  it('lists each check with its verdict, message, diff and SQL table', () => {
    const result: GradeResult = {
      ...base,
      status: 'fail',
      message: '1 of 2 checks passed',
      tests: [
        { name: 'returns the cheap books', status: 'pass', hidden: false },
        {
          name: 'sorts by price',
          status: 'fail',
          hidden: false,
          message: 'Row 1 differs.',
          expected: 'Refactoring | 18.00',
          actual: 'Learning SQL | 22.50',
          table: {
            columns: ['name', 'price'],
            rows: [
              ['Learning SQL', '22.50'],
              ['Refactoring', null],
            ],
            truncated: false,
          },
        },
        { name: 'edge prices', status: 'fail', hidden: true },
      ],
    };
    const { container } = render(<ResultView result={result} mode="submit" />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toContain('1 of 3 checks pass');
    const cases = container.querySelectorAll('.test-case');
    expect([...cases].map((c) => c.className)).toEqual(['test-case pass', 'test-case fail', 'test-case fail']);
    expect(cases[1]!.textContent).toContain('Row 1 differs.');
    expect(cases[1]!.querySelector('.diff-line.expected')?.textContent).toContain('Refactoring | 18.00');
    expect(cases[1]!.querySelector('.diff-line.actual')?.textContent).toContain('Learning SQL | 22.50');
    const cells = [...cases[1]!.querySelectorAll('tbody td')].map((td) => td.textContent);
    expect(cells).toEqual(['Learning SQL', '22.50', 'Refactoring', 'NULL']);
    expect(cases[2]!.textContent).toContain('Hidden check: edge prices');
  });

  it('says the count once, and keeps a message that tells more than the count', () => {
    const counted: GradeResult = {
      ...base,
      status: 'fail',
      message: '0 of 1 check passed.',
      score: { passed: 0, total: 1 },
      tests: [{ name: 'adds', status: 'fail', hidden: false, message: 'Expected 3, got 4.' }],
    };
    const { container, unmount } = render(<ResultView result={counted} mode="submit" />);
    expect(container.textContent?.match(/0 of 1/g)).toHaveLength(1);
    expect(container.querySelector('.result-message')).toBeNull();
    unmount();
    const mutation: GradeResult = {
      ...counted,
      message: 'Your tests caught 1 of 2 bugs. Your tests did not notice: an off-by-one.',
    };
    render(<ResultView result={mutation} mode="submit" />);
    expect(document.querySelector('.result-message')?.textContent).toContain('did not notice: an off-by-one');
  });

  it('shows no diff for a passing check even when values are present', () => {
    const result: GradeResult = {
      ...base,
      status: 'pass',
      message: 'ok',
      tests: [{ name: 'adds', status: 'pass', hidden: false, expected: '3', actual: '3' }],
    };
    const { container } = render(<ResultView result={result} mode="run" />);
    expect(container.querySelector('.diff')).toBeNull();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toContain('visible checks pass');
  });

  it('turns a time limit into advice and drops stack frames from the message', () => {
    const result: GradeResult = {
      ...base,
      status: 'error',
      errorCode: 'time_limit',
      message: 'Execution timed out after 2000 ms\n    at loop (answer.ts:3:9)\n    at run (sandbox.js:10:1)',
      tests: [],
    };
    const { container } = render(<ResultView result={result} mode="submit" />);
    expect(container.querySelector('.advice')?.textContent).toMatch(/ran out of time/);
    const message = container.querySelector('.result-message')?.textContent ?? '';
    expect(message).toBe('Execution timed out after 2000 ms');
    expect(container.textContent).not.toContain('sandbox.js');
  });

  it('shows console output of a check', () => {
    const result: GradeResult = {
      ...base,
      status: 'fail',
      message: 'failed',
      tests: [{ name: 'logs', status: 'fail', hidden: false, output: 'debug: 42' }],
    };
    const { container } = render(<ResultView result={result} mode="run" />);
    expect(container.querySelector('.console')?.textContent).toBe('debug: 42');
  });
});
