/** Parses YAML with the `yaml` package, turning its errors into a parse error with a line number. */
import { LineCounter, parseDocument } from 'yaml';
import { ConfigParseError } from './types.ts';

export function parseYaml(source: string, what: string): Record<string, unknown> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const line = lineCounter.linePos(error.pos[0]).line;
    throw new ConfigParseError(`The ${what} is not valid YAML (line ${line}): ${error.message.split('\n')[0]}`, line);
  }
  const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigParseError(`The ${what} must be a YAML mapping (key: value lines) at the top level.`, 1);
  }
  return value as Record<string, unknown>;
}

export const asRecord = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** `environment:` as a list of KEY=VALUE strings or a mapping, as compose allows both. */
export function envEntries(v: unknown): [string, string][] {
  if (Array.isArray(v)) {
    return v.map((item) => {
      const [key, ...rest] = String(item).split('=');
      return [key ?? '', rest.join('=')];
    });
  }
  return Object.entries(asRecord(v)).map(([k, val]) => [k, val === null || val === undefined ? '' : String(val)]);
}
