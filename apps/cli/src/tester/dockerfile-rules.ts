/**
 * The Dockerfile rules stage 11 applies. It prefers the `config` grader's `checkConfig` from
 * `@backpath/graders` (the same rules the platform's exercises use) and falls back to a small built-in
 * checker while that export does not exist yet.
 */

export const DOCKERFILE_RULES = [
  'dockerfile-pinned-base',
  'dockerfile-no-latest',
  'dockerfile-non-root',
  'dockerfile-no-secrets',
  'dockerfile-healthcheck',
] as const;

export interface RuleOutcome {
  rule: string;
  passed: boolean;
  message: string;
}

// A variable specifier keeps typecheck green until the graders package exports these functions.
const GRADERS = '@backpath/graders';

type CheckConfig = (format: 'dockerfile', source: string, rules: readonly string[]) => unknown;

async function gradersCheckConfig(): Promise<CheckConfig | undefined> {
  const mod = (await import(GRADERS).catch(() => undefined)) as { checkConfig?: CheckConfig } | undefined;
  return typeof mod?.checkConfig === 'function' ? mod.checkConfig : undefined;
}

/** Accepts the grader's answer whether it is an array of outcomes or `{ results: [...] }`. */
function normalise(answer: unknown): RuleOutcome[] {
  const wrapped = answer as { results?: unknown[]; tests?: unknown[] } | undefined;
  const list = Array.isArray(answer) ? answer : (wrapped?.results ?? wrapped?.tests ?? []);
  return list.map((r) => {
    const o = r as Record<string, unknown>;
    const passed = o.passed === true || o.status === 'pass' || o.ok === true;
    return { rule: String(o.rule ?? o.name ?? '?'), passed, message: String(o.message ?? '') };
  });
}

interface Instruction {
  keyword: string;
  args: string;
}

function parse(source: string): Instruction[] {
  const joined = source.replace(/\\\r?\n/g, ' ');
  return joined
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [keyword = '', ...rest] = l.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

export function builtinCheck(source: string, rules: readonly string[]): RuleOutcome[] {
  const ins = parse(source);
  const froms = ins.filter((i) => i.keyword === 'FROM').map((i) => i.args.split(/\s+/)[0] ?? '');
  const lastFrom = ins.map((i) => i.keyword).lastIndexOf('FROM');
  const finalStage = ins.slice(lastFrom);
  const users = finalStage.filter((i) => i.keyword === 'USER').map((i) => i.args.trim());
  const secretish = /(PASSWORD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY)\w*\s*=?\s*\S+/i;
  const checks: Record<string, () => [boolean, string]> = {
    'dockerfile-pinned-base': () => {
      const bad = froms.filter((f) => !/[:@]/.test(f) && f.toLowerCase() !== 'scratch');
      return [
        froms.length > 0 && bad.length === 0,
        bad.length ? `FROM ${bad[0]} has no tag or digest` : 'every FROM names a version',
      ];
    },
    'dockerfile-no-latest': () => {
      const bad = froms.find((f) => /:latest$/i.test(f));
      return [!bad, bad ? `FROM ${bad} uses :latest, which changes under you` : 'no :latest tags'];
    },
    'dockerfile-non-root': () => {
      const last = users.at(-1);
      const ok = last !== undefined && !/^(root|0)(:|$)/.test(last);
      return [ok, ok ? `runs as ${last}` : 'the final stage has no USER (or USER root): the app would run as root'];
    },
    'dockerfile-no-secrets': () => {
      const bad = ins.find((i) => (i.keyword === 'ENV' || i.keyword === 'ARG') && secretish.test(i.args));
      return [!bad, bad ? `${bad.keyword} ${bad.args} puts a secret into the image` : 'no secrets in ENV/ARG'];
    },
    'dockerfile-healthcheck': () => {
      const ok = ins.some((i) => i.keyword === 'HEALTHCHECK' && !/^NONE$/i.test(i.args.trim()));
      return [ok, ok ? 'has a HEALTHCHECK' : 'no HEALTHCHECK instruction'];
    },
  };
  return rules.map((rule) => {
    const fn = checks[rule];
    if (!fn) return { rule, passed: false, message: 'unknown rule' };
    const [passed, message] = fn();
    return { rule, passed, message };
  });
}

export async function checkDockerfile(source: string): Promise<RuleOutcome[]> {
  const checkConfig = await gradersCheckConfig();
  if (checkConfig) return normalise(await checkConfig('dockerfile', source, DOCKERFILE_RULES));
  return builtinCheck(source, DOCKERFILE_RULES);
}
