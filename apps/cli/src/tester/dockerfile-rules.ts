/**
 * The Dockerfile rules stage 11 applies, checked by the `config` grader's `checkConfig` from
 * @backpath/graders: the same parser and rules the platform's container exercises use.
 */
import type { CONFIG_RULES } from '@backpath/contracts';
import { hintsFor, type LanguageHints } from './project-language.ts';

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

/**
 * The grader's messages give Node examples (the platform's own exercises are in Node); the capstone is in
 * any language, so those examples are swapped for the learner's. A test fails if the grader's wording
 * changes and an example slips through.
 */
function inLanguage(message: string, hints: LanguageHints, port: number): string {
  if (hints.language === 'typescript') return message;
  return message
    .replace(/such as node:[\w.-]+/, `such as ${hints.baseImage}`)
    .replace(/Add "USER node" \(or another unprivileged user\)/, `Add ${hints.user}`)
    .replace(/Add e\.g\. HEALTHCHECK CMD wget [^.]*\/health \|\| exit 1\./, `Add e.g. ${hints.healthcheck(port)}`);
}

export async function checkDockerfile(
  source: string,
  hints: LanguageHints = hintsFor('typescript'),
  port = 8080,
): Promise<RuleOutcome[]> {
  // Loaded on first use: most commands never need git verification or the config parsers.
  const { checkConfig } = await import('@backpath/graders/learner-tools');
  const report = checkConfig('dockerfile', source, DOCKERFILE_RULES);
  if (report.parseError) {
    const where = report.parseError.line ? ` (line ${report.parseError.line})` : '';
    return [{ rule: 'dockerfile-parses', passed: false, message: `${report.parseError.message}${where}` }];
  }
  return report.findings.map((f) => ({
    rule: f.rule,
    passed: f.pass,
    message: inLanguage(f.message ?? '', hints, port),
  }));
}
