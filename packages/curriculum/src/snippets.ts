/** Finds the lesson code blocks marked runnable (```ts runnable), which the content check executes. */
export interface Snippet {
  language: 'javascript' | 'typescript';
  code: string;
  /** 1-based line of the opening fence within the Markdown body. */
  line: number;
}

const FENCE = /^```(\w+)\s+runnable\s*$/;

export function extractRunnableSnippets(markdown: string): Snippet[] {
  const lines = markdown.split('\n');
  const out: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = FENCE.exec(lines[i]!.trim());
    if (!m) continue;
    const lang = m[1]!.toLowerCase();
    const language = lang === 'ts' || lang === 'typescript' ? 'typescript' : 'javascript';
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i]!.trim().startsWith('```'); i++) body.push(lines[i]!);
    out.push({ language, code: body.join('\n'), line: start + 1 });
  }
  return out;
}
