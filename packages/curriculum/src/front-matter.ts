/** Splits a Markdown file into its YAML front matter and body. */
export interface FrontMatterSplit {
  yaml: string;
  body: string;
  /** Lines before the YAML starts (the opening `---`), to keep line numbers true. */
  yamlLineOffset: number;
}

export function splitFrontMatter(text: string): FrontMatterSplit | undefined {
  const normalised = text.replace(/\r\n/g, '\n');
  if (!normalised.startsWith('---\n')) return undefined;
  const end = normalised.indexOf('\n---', 3);
  if (end === -1) return undefined;
  const afterFence = normalised.indexOf('\n', end + 1);
  return {
    yaml: normalised.slice(4, end + 1),
    body: afterFence === -1 ? '' : normalised.slice(afterFence + 1),
    yamlLineOffset: 1,
  };
}
