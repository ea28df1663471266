/** Renders a lesson's Markdown to HTML on the server, with highlighted code and no raw HTML passthrough. */
import hljs from 'highlight.js';
import { Marked } from 'marked';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const marked = new Marked({
  gfm: true,
  renderer: {
    code({ text, lang }) {
      const language = (lang ?? '').split(/\s+/)[0] ?? '';
      const known = language && hljs.getLanguage(language) ? language : undefined;
      const html = known ? hljs.highlight(text, { language: known, ignoreIllegals: true }).value : escapeHtml(text);
      const cls = known ? ` class="hljs language-${escapeHtml(known)}"` : ' class="hljs"';
      return `<pre><code${cls}>${html}</code></pre>\n`;
    },
    // Lessons are authored in this repository, but raw HTML is still shown as text, never executed.
    html({ text }) {
      return escapeHtml(text);
    },
    link({ href, title, tokens }) {
      const inner = this.parser.parseInline(tokens);
      const safe = /^(https?:|mailto:|\/|#)/i.test(href) ? href : '#';
      const external = /^https?:/i.test(safe) ? ' rel="noopener noreferrer" target="_blank"' : '';
      const t = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(safe)}"${t}${external}>${inner}</a>`;
    },
  },
});

export function renderMarkdown(markdown: string): string {
  return marked.parse(markdown, { async: false });
}
