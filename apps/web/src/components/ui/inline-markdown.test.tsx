import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { InlineMarkdown } from './inline-markdown.tsx';

afterEach(cleanup);

describe('InlineMarkdown', () => {
  it('renders `inline code` as code, with no backticks left (the capstone summary)', () => {
    const { container } = render(
      <p>
        <InlineMarkdown text="Build it stage by stage, and let `backpath project test` check it, then `backpath project submit`." />
      </p>,
    );
    expect(container.textContent).toBe(
      'Build it stage by stage, and let backpath project test check it, then backpath project submit.',
    );
    expect([...container.querySelectorAll('code')].map((c) => c.textContent)).toEqual([
      'backpath project test',
      'backpath project submit',
    ]);
  });

  it('never interprets HTML, and leaves a lone backtick alone', () => {
    const { container } = render(<InlineMarkdown text="<b>bold</b> and a ` alone" />);
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toBe('<b>bold</b> and a ` alone');
  });
});
