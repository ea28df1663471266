/** Expected vs actual as a line diff: lines only in the expected value, only in yours, and shared. */
import { diffLines } from 'diff';

export interface DiffLine {
  kind: 'same' | 'expected' | 'actual';
  text: string;
}

export function diffRows(expected: string, actual: string): DiffLine[] {
  const rows: DiffLine[] = [];
  // Without a final newline on both sides, a last line that matches would still count as changed.
  const withEnd = (s: string) => (s.endsWith('\n') ? s : `${s}\n`);
  for (const part of diffLines(withEnd(expected), withEnd(actual))) {
    const kind = part.added ? 'actual' : part.removed ? 'expected' : 'same';
    const lines = part.value.replace(/\n$/, '').split('\n');
    for (const text of lines) rows.push({ kind, text });
  }
  return rows;
}

const MARK = { same: ' ', expected: '−', actual: '+' } as const;
const SR = { same: '', expected: 'expected: ', actual: 'yours: ' } as const;

export function TextDiff({ expected, actual }: { expected: string; actual: string }) {
  const rows = diffRows(expected, actual);
  return (
    <figure className="diff">
      <figcaption>
        <span className="diff-key expected">− expected</span> <span className="diff-key actual">+ your answer</span>
      </figcaption>
      <pre>
        {rows.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: diff lines have no identity beyond their position
          <div key={i} className={`diff-line ${r.kind}`}>
            <span aria-hidden="true" className="diff-mark">
              {MARK[r.kind]}
            </span>
            <span className="visually-hidden">{SR[r.kind]}</span>
            {r.text || ' '}
          </div>
        ))}
      </pre>
    </figure>
  );
}
