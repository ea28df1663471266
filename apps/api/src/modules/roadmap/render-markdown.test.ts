import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './render-markdown.ts';

describe('renderMarkdown', () => {
  it('highlights every language the lessons use, and escapes the rest', () => {
    for (const lang of ['ts', 'js', 'sql', 'bash', 'http', 'python', 'yaml', 'json', 'dockerfile', 'ini', 'text']) {
      expect(renderMarkdown(`\`\`\`${lang}\nx = 1\n\`\`\``), lang).toContain(`class="hljs language-${lang}"`);
    }
    expect(renderMarkdown('```ts\nconst a: number = 1;\n```')).toContain('<span class="hljs-keyword">const</span>');
    expect(renderMarkdown('```klingon\n<b>x</b>\n```')).toBe(
      '<pre><code class="hljs">&lt;b&gt;x&lt;/b&gt;</code></pre>\n',
    );
  });
});
