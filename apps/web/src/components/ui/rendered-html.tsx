/**
 * Server-rendered, server-sanitised HTML (lessons, instructions). Code blocks that scroll sideways
 * get a tab stop so keyboard users can scroll them too.
 */
import { useEffect, useRef } from 'react';

export function RenderedHtml({ html, className = 'lesson-body' }: { html: string; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: new HTML brings new code blocks to mark
  useEffect(() => {
    for (const pre of ref.current?.querySelectorAll('pre, table') ?? []) {
      pre.setAttribute('tabindex', '0');
    }
  }, [html]);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: the server renders and sanitises this Markdown
  return <div ref={ref} className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
