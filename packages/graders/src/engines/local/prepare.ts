/**
 * Builds an exercise's practice repository on the learner's machine (`backpath exercise pull`):
 * `git init`, then each `local.setup` step vetted like a line of a learner's script (repository-local
 * subcommands only, so a server cannot plant config that later runs programs) and run by the same
 * shell-free git runner the engine uses.
 */
import { git } from './git.ts';
import { parseScript, ScriptError } from './script.ts';

/** Quotes an argument the way `splitArgs` reads it back. */
const quote = (arg: string) => (/^[^\s"\\]+$/.test(arg) ? arg : `"${arg.replace(/["\\]/g, '\\$&')}"`);

/** Throws `ScriptError` for a step that is not allowed, `Error` for a step git refused; runs nothing before vetting all. */
export async function prepareRepository(dir: string, setup: readonly (readonly string[])[] = []): Promise<void> {
  if (setup.some((args) => args.some((a) => /[\r\n]/.test(a))))
    throw new ScriptError('A setup step contains a line break.');
  const steps = parseScript(setup.map((args) => `git ${args.map(quote).join(' ')}`).join('\n'), dir);
  const init = await git(dir, ['init', '-q']);
  if (init.code !== 0) throw new Error(`git init failed: ${init.stderr.trim()}`);
  for (const step of steps) {
    if (step.kind !== 'git') continue;
    const r = await git(dir, step.args, 10_000);
    if (r.code !== 0)
      throw new Error(`Setup step "git ${step.args.join(' ')}" failed: ${(r.stderr || r.stdout).trim()}`);
  }
}
