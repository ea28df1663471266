/**
 * `checkConfig(format, source, rules)`: parses a Dockerfile, compose file or GitHub Actions workflow
 * with a real parser and applies the named rules. Used by the config engine and by the CLI's tester.
 */
import { COMPOSE_RULES } from './compose-rules.ts';
import { DOCKERFILE_RULES, parseDockerfile } from './dockerfile-rules.ts';
import { type ConfigFormat, ConfigParseError, type ConfigRule, type RuleFinding } from './types.ts';
import { WORKFLOW_RULES } from './workflow-rules.ts';
import { parseYaml } from './yaml-source.ts';

export type { ConfigFormat, ConfigRule, RuleFinding } from './types.ts';

export interface ConfigReport {
  /** Set when the file does not parse; `findings` is then empty. */
  parseError?: { message: string; line?: number };
  findings: RuleFinding[];
}

const FORMAT_OF: Record<string, ConfigFormat> = {
  dockerfile: 'dockerfile',
  compose: 'compose',
  workflow: 'github-actions',
};

export function checkConfig(format: ConfigFormat, source: string, rules: readonly ConfigRule[]): ConfigReport {
  try {
    const findings: RuleFinding[] = [];
    const parsed =
      format === 'dockerfile'
        ? parseDockerfile(source)
        : parseYaml(source, format === 'compose' ? 'compose file' : 'workflow');
    for (const rule of rules) {
      const family = FORMAT_OF[rule.split('-')[0] as string];
      if (family !== format) {
        findings.push({ rule, pass: false, message: `Rule ${rule} does not apply to a ${format} file.` });
        continue;
      }
      const table = (
        format === 'dockerfile' ? DOCKERFILE_RULES : format === 'compose' ? COMPOSE_RULES : WORKFLOW_RULES
      ) as Record<string, (doc: unknown) => RuleFinding>;
      const check = table[rule];
      findings.push(check ? check(parsed) : { rule, pass: false, message: `Unknown rule ${rule}.` });
    }
    return { findings };
  } catch (err) {
    if (err instanceof ConfigParseError) return { parseError: { message: err.message, line: err.line }, findings: [] };
    throw err;
  }
}
