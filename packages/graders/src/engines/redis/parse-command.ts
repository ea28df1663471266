/**
 * Splits a Redis command line into arguments the way redis-cli does: spaces separate, double
 * quotes group and understand \" \\ \n \t \xHH escapes, single quotes group literally.
 */

export class CommandSyntaxError extends Error {}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', a: '\u0007', '"': '"', '\\': '\\' };

export function parseCommandLine(line: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && /\s/.test(line[i] as string)) i++;
    if (i >= line.length) break;
    let arg = '';
    const quote = line[i];
    if (quote === '"' || quote === "'") {
      i++;
      let closed = false;
      while (i < line.length) {
        const c = line[i] as string;
        if (c === quote) {
          closed = true;
          i++;
          break;
        }
        if (c === '\\' && quote === '"' && i + 1 < line.length) {
          const next = line[i + 1] as string;
          if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(line.slice(i + 2, i + 4))) {
            arg += String.fromCharCode(Number.parseInt(line.slice(i + 2, i + 4), 16));
            i += 4;
            continue;
          }
          arg += ESCAPES[next] ?? next;
          i += 2;
          continue;
        }
        if (c === '\\' && quote === "'" && line[i + 1] === "'") {
          arg += "'";
          i += 2;
          continue;
        }
        arg += c;
        i++;
      }
      if (!closed) throw new CommandSyntaxError(`a ${quote === '"' ? 'double' : 'single'} quote is not closed`);
      if (i < line.length && !/\s/.test(line[i] as string)) {
        throw new CommandSyntaxError('a closing quote must be followed by a space');
      }
    } else {
      while (i < line.length && !/\s/.test(line[i] as string)) arg += line[i++];
    }
    args.push(arg);
  }
  return args;
}

/** The submission's commands: one per line, blank lines and `#` comments skipped. */
export function parseScript(source: string): { line: number; args: string[] }[] {
  const commands: { line: number; args: string[] }[] = [];
  for (const [index, text] of source.split(/\r?\n/).entries()) {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    try {
      commands.push({ line: index + 1, args: parseCommandLine(trimmed) });
    } catch (err) {
      throw new CommandSyntaxError(`Line ${index + 1}: ${(err as Error).message}.`);
    }
  }
  return commands;
}
