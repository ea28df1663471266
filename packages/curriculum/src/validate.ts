/** Schema validation that reports each error once, at the line of the offending value. */
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { ProblemList } from './problems.ts';
import type { YamlSource } from './yaml-source.ts';

export function validate(schema: TSchema, src: YamlSource, problems: ProblemList, prefix = ''): boolean {
  if (Value.Check(schema, src.data)) return true;
  const seen = new Set<string>();
  for (const err of Value.Errors(schema, src.data)) {
    // `additionalProperties: false` reports each extra key twice; keep the one that names it.
    if (err.keyword === 'boolean') continue;
    const extra = (err.params as { additionalProperties?: string[] }).additionalProperties;
    const where = err.instancePath || '(top level)';
    const message = extra
      ? `${where}: unknown field(s) ${extra.map((k) => `"${k}"`).join(', ')}`
      : `${where}: ${err.message}`;
    if (seen.has(message)) continue;
    seen.add(message);
    const path = extra ? `${err.instancePath}/${extra[0]}` : err.instancePath;
    problems.add(src.file, src.lineOf(path), `${prefix}${message}`);
  }
  return false;
}
