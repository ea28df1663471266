/** Terminal output: colours only on a TTY and without NO_COLOR, so piped output stays plain text. */
import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

export function colorsEnabled(stream: NodeJS.WriteStream = process.stdout): boolean {
  if ('NO_COLOR' in process.env && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

export function makeColors(enabled = colorsEnabled()): Colors {
  return pc.createColors(enabled);
}

/** Writes one line to stdout; the single place CLI text leaves the process, so tests can capture it. */
export function println(line = ''): void {
  process.stdout.write(`${line}\n`);
}
