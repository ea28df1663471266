/** Prints a grading verdict test by test, the way the web editor shows it. */
import type { GradeResult } from '@backpath/contracts';
import type { Colors } from '../output.ts';

export function formatResult(result: GradeResult, c: Colors): string[] {
  const lines: string[] = [];
  for (const t of result.tests) {
    const mark = t.status === 'pass' ? c.green('✓') : c.red('✗');
    lines.push(`${mark} ${t.name}${t.hidden ? c.dim(' (hidden)') : ''}`);
    if (t.status !== 'pass') {
      if (t.message) for (const l of t.message.split('\n')) lines.push(c.red(`    ${l}`));
      if (t.expected !== undefined) lines.push(`    expected: ${t.expected}`);
      if (t.actual !== undefined) lines.push(`    actual:   ${t.actual}`);
    }
    if (t.output) lines.push(c.dim(`    output: ${t.output.split('\n').join('\n            ')}`));
  }
  const passed = result.tests.filter((t) => t.status === 'pass').length;
  const summary = `${result.status.toUpperCase()}: ${passed}/${result.tests.length} tests passed. ${result.message}`;
  lines.push('', result.status === 'pass' ? c.green(c.bold(summary)) : c.red(c.bold(summary)));
  return lines;
}
