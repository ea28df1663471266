/** GitHub Actions workflow rules, checked on the parsed YAML. */

import { type ConfigRule, type RuleFinding, SECRET_NAME } from './types.ts';
import { asRecord, envEntries } from './yaml-source.ts';

type Jobs = Record<string, Record<string, unknown>>;
const ok = (rule: ConfigRule): RuleFinding => ({ rule, pass: true });
const fail = (rule: ConfigRule, message: string): RuleFinding => ({ rule, pass: false, message });

const jobsOf = (doc: Record<string, unknown>): Jobs =>
  Object.fromEntries(Object.entries(asRecord(doc.jobs)).map(([k, v]) => [k, asRecord(v)]));
const steps = (job: Record<string, unknown>) => (Array.isArray(job.steps) ? job.steps.map(asRecord) : []);
const needs = (job: Record<string, unknown>): string[] =>
  Array.isArray(job.needs) ? job.needs.map(String) : job.needs ? [String(job.needs)] : [];
const isDeploy = (name: string, job: Record<string, unknown>) =>
  /deploy|release|publish/i.test(`${name} ${job.name ?? ''} ${job.environment ?? ''}`);
const isTest = (name: string, job: Record<string, unknown>) =>
  /test|check|ci\b|verify|lint/i.test(`${name} ${job.name ?? ''}`) ||
  steps(job).some((s) => /\b(npm|pnpm|yarn) (run )?test|pytest|go test|vitest|jest/.test(String(s.run ?? '')));

function ancestors(jobs: Jobs, name: string, seen = new Set<string>()): Set<string> {
  for (const dep of needs(jobs[name] ?? {})) {
    if (seen.has(dep)) continue;
    seen.add(dep);
    ancestors(jobs, dep, seen);
  }
  return seen;
}

/** Every string in the workflow with its key, to look for literal secrets. */
function* strings(value: unknown, key = ''): Generator<[string, string]> {
  if (typeof value === 'string') yield [key, value];
  else if (Array.isArray(value)) for (const v of value) yield* strings(v, key);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, k);
}

function mainOnlyTriggers(on: unknown): boolean {
  if (typeof on === 'string' || Array.isArray(on)) return false;
  const triggers = asRecord(on);
  const names = Object.keys(triggers).filter((t) => t !== 'workflow_dispatch');
  if (names.length !== 1 || names[0] !== 'push') return false;
  const branches = asRecord(triggers.push).branches;
  return Array.isArray(branches) && branches.length === 1 && branches[0] === 'main';
}

export const WORKFLOW_RULES: Partial<Record<ConfigRule, (doc: Record<string, unknown>) => RuleFinding>> = {
  'workflow-tests-before-deploy': (doc) => {
    const jobs = jobsOf(doc);
    const deploys = Object.entries(jobs).filter(([n, j]) => isDeploy(n, j));
    if (deploys.length === 0)
      return fail('workflow-tests-before-deploy', 'No deploy job found (a job whose name mentions deploy).');
    for (const [name] of deploys) {
      const before = [...ancestors(jobs, name)];
      if (!before.some((n) => isTest(n, jobs[n] ?? {}))) {
        return fail(
          'workflow-tests-before-deploy',
          `Job "${name}" does not need the test job, so it can deploy code whose tests fail (jobs run in parallel by default). Add needs: [test] to it.`,
        );
      }
    }
    return ok('workflow-tests-before-deploy');
  },
  'workflow-dependency-cache': (doc) => {
    const all = Object.values(jobsOf(doc)).flatMap(steps);
    const cached = all.some((s) => {
      const uses = String(s.uses ?? '');
      return (
        uses.startsWith('actions/cache@') ||
        (/actions\/setup-(node|python|go|java)@/.test(uses) && Boolean(asRecord(s.with).cache))
      );
    });
    return cached
      ? ok('workflow-dependency-cache')
      : fail(
          'workflow-dependency-cache',
          'Dependencies are downloaded from scratch on every run. Add cache: npm (or pip) to actions/setup-node (setup-python), or use actions/cache.',
        );
  },
  'workflow-pinned-actions': (doc) => {
    for (const step of Object.values(jobsOf(doc)).flatMap(steps)) {
      const uses = step.uses;
      if (typeof uses !== 'string' || uses.startsWith('./') || uses.startsWith('docker://')) continue;
      const ref = uses.split('@')[1] ?? '';
      if (!/^[0-9a-f]{40}$/.test(ref)) {
        return fail(
          'workflow-pinned-actions',
          `"uses: ${uses}" is pinned to a tag or branch that its owner can move. Pin it to a full 40-character commit SHA (keep the version in a comment: # v4.2.2) so a hijacked tag cannot run code in your pipeline.`,
        );
      }
    }
    return ok('workflow-pinned-actions');
  },
  'workflow-least-privilege': (doc) => {
    const p = doc.permissions;
    if (p === undefined || p === null)
      return fail(
        'workflow-least-privilege',
        'No top-level permissions: block, so the GITHUB_TOKEN gets the repository default (often write to everything). Add permissions: { contents: read } and grant more only to the jobs that need it.',
      );
    if (p === 'write-all')
      return fail(
        'workflow-least-privilege',
        'permissions: write-all gives every job full write access. Start from contents: read and grant only what a job needs.',
      );
    return ok('workflow-least-privilege');
  },
  'workflow-no-inline-secrets': (doc) => {
    for (const [key, value] of strings(doc)) {
      if (SECRET_NAME.test(key) && value.trim() !== '' && !value.includes('${{')) {
        return fail(
          'workflow-no-inline-secrets',
          `"${key}" holds a literal value. Anything in the workflow file is public to everyone who can read the repository; store it as a repository secret and use \${{ secrets.${key.toUpperCase()} }}.`,
        );
      }
    }
    for (const job of Object.values(jobsOf(doc))) {
      for (const [key, value] of [...envEntries(job.env), ...steps(job).flatMap((s) => envEntries(s.env))]) {
        if (SECRET_NAME.test(key) && value !== '' && !value.includes('${{')) {
          return fail(
            'workflow-no-inline-secrets',
            `env ${key} holds a literal value; use \${{ secrets.${key} }} instead.`,
          );
        }
      }
    }
    return ok('workflow-no-inline-secrets');
  },
  'workflow-deploy-on-main-only': (doc) => {
    const deploys = Object.entries(jobsOf(doc)).filter(([n, j]) => isDeploy(n, j));
    if (deploys.length === 0)
      return fail('workflow-deploy-on-main-only', 'No deploy job found (a job whose name mentions deploy).');
    if (mainOnlyTriggers(doc.on)) return ok('workflow-deploy-on-main-only');
    for (const [name, job] of deploys) {
      const condition = String(job.if ?? '');
      if (!/github\.ref\s*==\s*'refs\/heads\/main'/.test(condition)) {
        return fail(
          'workflow-deploy-on-main-only',
          `Job "${name}" can run for pull requests and other branches, so unreviewed code could be deployed. Add if: github.ref == 'refs/heads/main' (or trigger the workflow only on pushes to main).`,
        );
      }
    }
    return ok('workflow-deploy-on-main-only');
  },
};
