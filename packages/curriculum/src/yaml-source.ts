/**
 * YAML parsing that remembers where every value came from, so schema errors point at a line.
 */
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { ProblemList } from './problems.ts';

export interface YamlSource {
  file: string;
  data: unknown;
  /** The 1-based line of the value at a JSON-pointer-like path (`/questions/2/answer`). */
  lineOf(instancePath: string): number;
}

/**
 * Parses `text` (from `file`, starting at `lineOffset` lines into it, for front matter). Syntax
 * errors are added to `problems` and yield `undefined`.
 */
export function parseYaml(file: string, text: string, problems: ProblemList, lineOffset = 0): YamlSource | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const line = err.linePos?.[0]?.line ?? counter.linePos(err.pos[0]).line;
      problems.add(file, line + lineOffset, `malformed YAML: ${err.message.split('\n')[0]}`);
    }
    return undefined;
  }
  const lineOf = (instancePath: string): number => {
    const keys = instancePath
      .split('/')
      .slice(1)
      .map((k) => (/^\d+$/.test(k) ? Number(k) : k.replaceAll('~1', '/').replaceAll('~0', '~')));
    // Walk up until a node with a source range is found (a missing key points at its parent).
    for (let n = keys.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(keys.slice(0, n), true);
      if (isNode(node) && node.range) return counter.linePos(node.range[0]).line + lineOffset;
    }
    return 1 + lineOffset;
  };
  return { file, data: doc.toJS(), lineOf };
}
