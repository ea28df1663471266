/**
 * The Dockerfile rules stage 11 applies, checked by the `config` grader's `checkConfig` from
 * @backpath/graders: the same parser and rules the platform's container exercises use.
 */
import type { CONFIG_RULES } from '@backpath/contracts';

type ConfigRule = (typeof CONFIG_RULES)[number];

export const DOCKERFILE_RULES: readonly ConfigRule[] = [
  'dockerfile-pinned-base',
  'dockerfile-no-latest',
  'dockerfile-non-root',
  'dockerfile-no-secrets',
  'dockerfile-healthcheck',
];

export interface RuleOutcome {
  rule: string;
  passed: boolean;
  message: string;
}

export async function checkDockerfile(source: string): Promise<RuleOutcome[]> {
  // Loaded on first use: most commands never need git verification or the config parsers.
  const { checkConfig } = await import('@backpath/graders/learner-tools');
  const report = checkConfig('dockerfile', source, DOCKERFILE_RULES);
  if (report.parseError) {
    const where = report.parseError.line ? ` (line ${report.parseError.line})` : '';
    return [{ rule: 'dockerfile-parses', passed: false, message: `${report.parseError.message}${where}` }];
  }
  return report.findings.map((f) => ({ rule: f.rule, passed: f.pass, message: f.message ?? '' }));
}
