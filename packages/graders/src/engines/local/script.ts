/**
 * Parses and vets a `local` submission script: `git <args>` or `write <path> <text>`, one per line.
 * Only repository-local git subcommands are allowed; anything that reaches the network, changes
 * config or runs programs is refused with the reason.
 */
import { isAbsolute, relative, resolve } from 'node:path';

export type Step =
  | { kind: 'git'; line: number; args: string[] }
  | { kind: 'write'; line: number; path: string; text: string };

export class ScriptError extends Error {}

const ALLOWED = new Set(
  'add commit branch checkout switch merge rebase tag status log diff rm mv restore reset revert cherry-pick stash show rev-parse ls-files shortlog reflog blame symbolic-ref merge-base'.split(
    ' ',
  ),
);
const REFUSED_WHY: Record<string, string> = {
  clone: 'reaches the network',
  fetch: 'reaches the network',
  push: 'reaches the network',
  pull: 'reaches the network',
  remote: 'configures network remotes',
  submodule: 'fetches other repositories',
  config:
    'changes git configuration (which can make git run programs; only `git config --file <file> <key> <value>` is allowed)',
  daemon: 'starts a server',
  difftool: 'runs external programs',
  mergetool: 'runs external programs',
  'filter-branch': 'runs shell commands',
  bisect: 'can run shell commands',
};
/** Flags that point git at programs, other directories or files outside the repository. */
const REFUSED_FLAGS =
  /^(--exec|--exec-path|--upload-pack|--receive-pack|--git-dir|--work-tree|--namespace|--template|--output|--ext-diff|--textconv|--config-env|--super-prefix)(=|$)/;

/** Splits on spaces; double quotes group (and may contain \" ). */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const m of text.matchAll(re)) args.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] as string));
  return args;
}

function vetGit(args: string[], line: number, repo: string): void {
  const sub = args[0];
  // `git config --file <file> key value` only writes an INI file in the work tree: lessons use it
  // in place of an editor. Repository and global config stay off limits.
  if (sub === 'config' && args[1] === '--file' && args.length === 5) {
    vetPath(repo, args[2] ?? '', line);
    return;
  }
  if (!sub || sub.startsWith('-')) {
    const flag = sub ?? '';
    throw new ScriptError(
      `Line ${line}: put the git command first (git commit …); options before it such as ${flag || '-c'} are not allowed.`,
    );
  }
  if (!ALLOWED.has(sub)) {
    const why = REFUSED_WHY[sub] ?? 'is not needed for these exercises';
    throw new ScriptError(`Line ${line}: git ${sub} ${why}, so it is not allowed here.`);
  }
  const bad = args.slice(1).find((a) => REFUSED_FLAGS.test(a));
  if (bad)
    throw new ScriptError(
      `Line ${line}: the option ${bad} is not allowed (it can run programs or reach outside the repository).`,
    );
  if (sub === 'rebase' && args.some((a) => /^-[a-zA-Z]*x/.test(a) && !a.startsWith('--'))) {
    throw new ScriptError(`Line ${line}: git rebase -x runs shell commands, so it is not allowed here.`);
  }
  if (sub === 'rebase' && args.some((a) => a === '-i' || a === '--interactive')) {
    throw new ScriptError(`Line ${line}: interactive rebase needs an editor; use a plain git rebase here.`);
  }
}

function vetPath(repo: string, path: string, line: number): string {
  const target = resolve(repo, path);
  const rel = relative(repo, target);
  if (!path || isAbsolute(path) || rel.startsWith('..') || rel === '' || isAbsolute(rel)) {
    throw new ScriptError(`Line ${line}: write can only create files inside the repository ("${path}" is outside).`);
  }
  if (rel.split(/[\\/]/)[0] === '.git') {
    throw new ScriptError(`Line ${line}: write may not touch .git (hooks and config there can run programs).`);
  }
  return target;
}

export function parseScript(source: string, repo: string): Step[] {
  const steps: Step[] = [];
  for (const [i, raw] of source.split(/\r?\n/).entries()) {
    const line = i + 1;
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) continue;
    const [command] = text.split(/\s+/, 1);
    if (command === 'git') {
      const args = splitArgs(text.slice(3));
      vetGit(args, line, repo);
      steps.push({ kind: 'git', line, args });
    } else if (command === 'write') {
      const m = /^write\s+("(?:[^"\\]|\\.)*"|\S+)\s?(.*)$/.exec(text);
      if (!m) throw new ScriptError(`Line ${line}: write needs a path and text, like: write notes.md Hello`);
      const path = (m[1] as string).startsWith('"')
        ? (m[1] as string).slice(1, -1).replace(/\\(.)/g, '$1')
        : (m[1] as string);
      vetPath(repo, path, line);
      steps.push({ kind: 'write', line, path, text: m[2] ?? '' });
    } else {
      throw new ScriptError(
        `Line ${line}: only "git …" and "write <path> <text>" lines are allowed, not "${command}".`,
      );
    }
  }
  if (steps.length > 200) throw new ScriptError('The script has more than 200 steps.');
  return steps;
}

export { vetPath };
