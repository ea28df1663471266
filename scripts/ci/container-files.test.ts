/**
 * The platform practises what it teaches: our own Dockerfile and compose file must pass the same
 * rules the `config` grader applies to learners' files. (No Docker engine runs on CI machines, so
 * this parse-and-rules check is how the container files are verified here.)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_RULES } from '@backpath/contracts';
import { checkConfig } from '@backpath/graders';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const rules = (prefix: string) => CONFIG_RULES.filter((r) => r.startsWith(prefix));

describe('our own container files', () => {
  it('the Dockerfile passes every dockerfile rule', () => {
    const report = checkConfig('dockerfile', readFileSync(resolve(root, 'Dockerfile'), 'utf8'), rules('dockerfile-'));
    expect(report.parseError).toBeUndefined();
    expect(report.findings.filter((f) => !f.pass)).toEqual([]);
    expect(report.findings).toHaveLength(rules('dockerfile-').length);
  });

  it('compose.yaml passes every compose rule', () => {
    const report = checkConfig('compose', readFileSync(resolve(root, 'compose.yaml'), 'utf8'), rules('compose-'));
    expect(report.parseError).toBeUndefined();
    expect(report.findings.filter((f) => !f.pass)).toEqual([]);
  });
});
