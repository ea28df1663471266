/**
 * Refuses, before anything runs, the statements that would end or change the grader's transaction
 * or the learner's session, with a message that says why. This is the learner-facing layer only:
 * the role lock (learner-lock.ts) and the checks after every run (sandbox.ts) hold even when a
 * statement slips past this scan (a DO block, a function, a lexer mistake).
 *
 * The scan is a small SQL lexer: it skips comments (nested block comments too), string literals
 * ('…', E'…', $tag$…$tag$) and quoted identifiers, splits top-level statements on semicolons (not
 * inside parentheses or a `BEGIN ATOMIC … END` function body) and looks at each statement's first
 * words.
 */

export interface Refusal {
  /** 1-based index of the refused statement. */
  statement: number;
  /** The refused command as the learner wrote it, e.g. `SET ROLE` or `COMMIT`. */
  command: string;
  message: string;
}

const WORD = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/y;
const DOLLAR_TAG = /\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;
const WORDS_KEPT = 4;

/** The first few words (upper-cased; quoted identifiers included) of each top-level statement. */
export function statementHeads(sql: string): string[][] {
  const heads: string[][] = [];
  let words: string[] = [];
  let parens = 0;
  let bodyDepth = 0; // BEGIN ATOMIC … END nesting inside CREATE FUNCTION/PROCEDURE
  let routine = false;
  let last = '';
  const finish = () => {
    if (words.length > 0) heads.push(words.slice(0, WORDS_KEPT));
    words = [];
    parens = 0;
    bodyDepth = 0;
    routine = false;
    last = '';
  };
  const word = (w: string) => {
    const upper = w.toUpperCase();
    if (words.length < WORDS_KEPT) words.push(upper);
    if (words[0] === 'CREATE' && (upper === 'FUNCTION' || upper === 'PROCEDURE')) routine = true;
    if (routine && parens === 0) {
      if ((upper === 'ATOMIC' && last === 'BEGIN') || (upper === 'CASE' && bodyDepth > 0)) bodyDepth++;
      else if (upper === 'END' && bodyDepth > 0) bodyDepth--;
    }
    last = upper;
  };
  let i = 0;
  let escapeString = false;
  const n = sql.length;
  while (i < n) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? n : end + 1;
      continue;
    }
    if (c === '/' && next === '*') {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (sql[i] === '*' && sql[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      }
      continue;
    }
    if (c === "'") {
      // E'…' is an escape string: backslashes escape quotes.
      const escapes = escapeString;
      escapeString = false;
      i++;
      while (i < n) {
        if (escapes && sql[i] === '\\') i += 2;
        else if (sql[i] === "'" && sql[i + 1] === "'") i += 2;
        else if (sql[i] === "'") break;
        else i++;
      }
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let name = '';
      while (j < n) {
        if (sql[j] === '"' && sql[j + 1] === '"') {
          name += '"';
          j += 2;
        } else if (sql[j] === '"') break;
        else name += sql[j++];
      }
      word(name);
      i = j + 1;
      continue;
    }
    if (c === '$') {
      DOLLAR_TAG.lastIndex = i;
      const tag = DOLLAR_TAG.exec(sql);
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        i = close === -1 ? n : close + tag[0].length;
        continue;
      }
      i++;
      continue;
    }
    if (c === '(') parens++;
    else if (c === ')') parens = Math.max(0, parens - 1);
    else if (c === ';' && parens === 0 && bodyDepth === 0) {
      finish();
      i++;
      continue;
    }
    WORD.lastIndex = i;
    const m = /[A-Za-z_\u0080-\uffff]/.test(c) ? WORD.exec(sql) : null;
    if (m) {
      const after = i + m[0].length;
      // String prefixes (E'…', B'…', X'…', N'…', U&'…') are part of the literal, not words.
      if (/^[EeBbXxNn]$/.test(m[0]) && sql[after] === "'") {
        escapeString = m[0] === 'E' || m[0] === 'e';
        i = after;
        continue;
      }
      if (/^[Uu]$/.test(m[0]) && sql.startsWith("&'", after)) {
        i = after + 1;
        continue;
      }
      word(m[0]);
      i = after;
      continue;
    }
    if (/\S/.test(c) && words.length === 0) words.push(c);
    i++;
  }
  finish();
  return heads;
}

const TRANSACTION = new Set(['BEGIN', 'START', 'COMMIT', 'END', 'ROLLBACK', 'ABORT', 'SAVEPOINT', 'RELEASE']);

function classify(w: string[]): { command: string; kind: 'transaction' | 'identity' | 'setting' } | undefined {
  const [a = '', b = '', c = '', d = ''] = w;
  if (TRANSACTION.has(a)) return { command: a === 'ROLLBACK' && b === 'TO' ? 'ROLLBACK TO' : a, kind: 'transaction' };
  if (a === 'PREPARE' && b === 'TRANSACTION') return { command: 'PREPARE TRANSACTION', kind: 'transaction' };
  if (a === 'SET' || a === 'RESET') {
    const scoped = b === 'LOCAL' || b === 'SESSION';
    const [x, y] = scoped ? [c, d] : [b, c];
    if (x === 'ROLE' || (x === 'SESSION' && y === 'AUTHORIZATION') || x === 'SESSION_AUTHORIZATION') {
      return { command: `${a} ${x === 'ROLE' ? 'ROLE' : 'SESSION AUTHORIZATION'}`, kind: 'identity' };
    }
    if (a === 'SET' && (b === 'LOCAL' || b === 'TRANSACTION' || b === 'CONSTRAINTS')) return undefined;
    if (a === 'RESET' && b === 'ALL') return { command: 'RESET ALL', kind: 'setting' };
    return { command: [a, ...(scoped ? [b, c] : [b])].filter(Boolean).join(' '), kind: 'setting' };
  }
  if (a === 'DISCARD') return { command: `DISCARD ${b}`.trim(), kind: 'setting' };
  return undefined;
}

function explain(command: string, kind: 'transaction' | 'identity' | 'setting', statement: number): string {
  const where = `statement ${statement}`;
  switch (kind) {
    case 'transaction':
      return `Your SQL uses ${command} (${where}). Leave transaction control out: the grader already runs each check inside a transaction of its own and undoes it afterwards, so BEGIN, COMMIT, ROLLBACK, END, ABORT, SAVEPOINT, RELEASE and PREPARE TRANSACTION are not accepted here.`;
    case 'identity':
      return `Your SQL uses ${command} (${where}). Submissions always run as the learner role, and switching to another role or session user is not accepted here. Remove that statement.`;
    default:
      return `Your SQL uses ${command} (${where}), which changes settings for the whole session. Session-wide settings are not accepted here; use SET LOCAL to change a setting for your own run only, or write schema-qualified names instead of changing search_path.`;
  }
}

/** The first statement the grader refuses to run, if any. */
export function screenSubmission(sql: string): Refusal | undefined {
  const heads = statementHeads(sql);
  for (const [index, words] of heads.entries()) {
    const found = classify(words);
    if (found)
      return { statement: index + 1, command: found.command, message: explain(found.command, found.kind, index + 1) };
  }
  return undefined;
}
