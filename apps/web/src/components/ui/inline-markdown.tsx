/**
 * One line of author text (a summary) with its Markdown inline code rendered: `backpath project test`
 * becomes <code>, never literal backticks. Plain text otherwise; no HTML is ever interpreted.
 */
import { Fragment } from 'react';

export function InlineMarkdown({ text }: { text: string }) {
  // Split keeps the captured code spans at the odd indexes.
  const parts = text.split(/`([^`\n]+)`/);
  return (
    <>
      {parts.map((part, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string never move
        i % 2 === 1 ? <code key={i}>{part}</code> : <Fragment key={i}>{part}</Fragment>,
      )}
    </>
  );
}
