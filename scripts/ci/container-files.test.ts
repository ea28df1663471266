/**
 * The platform practises what it teaches: our own Dockerfile and compose file must pass the same
 * rules the `config` grader applies to learners' files, and the deployment examples must describe the
 * server mode the README promises. (No Docker engine or cluster runs on CI machines, so this
 * parse-and-check is how the container and deployment files are verified here.)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_RULES } from '@backpath/contracts';
import { checkConfig } from '@backpath/graders';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';

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

type Service = {
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
};

describe('compose.yaml runs the server mode as an operator would', () => {
  const compose = parseYaml(readFileSync(resolve(root, 'compose.yaml'), 'utf8'), { merge: true }) as {
    services: Record<string, Service>;
  };
  const services = compose.services;
  const apis = Object.keys(services).filter((n) => n.startsWith('api-'));
  const workers = Object.keys(services).filter((n) => services[n]!.command?.includes('apps/api/src/worker.ts'));

  it('has two API processes, two grader workers, PostgreSQL, Redis and a load balancer', () => {
    expect(apis).toHaveLength(2);
    expect(workers).toHaveLength(2);
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'proxy']));
  });

  it('every service restarts and reports its health; the API and workers wait for healthy data stores', () => {
    for (const [name, s] of Object.entries(services)) {
      expect(s.restart, name).toBe('unless-stopped');
      expect(s.healthcheck?.test.join(' '), name).toBeTruthy();
    }
    for (const name of [...apis, ...workers]) {
      expect(services[name]!.depends_on, name).toMatchObject({
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
      expect(services[name]!.environment, name).toMatchObject({ REDIS_URL: expect.stringMatching(/^redis:\/\//) });
    }
    for (const name of apis) {
      expect(services[name]!.environment?.GRADING_IN_API, name).toBe('false');
      expect(services[name]!.healthcheck?.test.join(' '), name).toContain('/readyz');
    }
    for (const name of workers) {
      const port = services[name]!.environment?.WORKER_HEALTH_PORT;
      expect(services[name]!.healthcheck?.test.join(' '), name).toContain(`:${port}/readyz`);
    }
  });

  it('the load balancer sends traffic to both API processes, and only to ready ones', () => {
    const caddy = readFileSync(resolve(root, 'deploy/compose/Caddyfile'), 'utf8');
    for (const name of apis) expect(caddy).toContain(`${name}:3000`);
    expect(caddy).toMatch(/health_uri \/readyz/);
  });
});

describe('the Kubernetes example', () => {
  const docs = ['api.yaml', 'worker.yaml', 'config.yaml'].flatMap((f) =>
    parseAllDocuments(readFileSync(resolve(root, 'deploy/kubernetes', f), 'utf8')).map((d) => d.toJS()),
  );
  type Container = {
    image: string;
    command?: string[];
    resources: { requests: object; limits: { memory: string } };
    securityContext: { allowPrivilegeEscalation: boolean; readOnlyRootFilesystem: boolean };
    livenessProbe: { httpGet: { path: string } };
    readinessProbe: { httpGet: { path: string } };
  };
  const deployment = (name: string) => {
    const d = docs.find((x) => x.kind === 'Deployment' && x.metadata.name === name);
    expect(d, name).toBeDefined();
    return { replicas: d.spec.replicas as number, container: d.spec.template.spec.containers[0] as Container };
  };

  it('runs the API and the worker, each with liveness and readiness probes, limits and a locked-down container', () => {
    const api = deployment('backpath-api');
    const worker = deployment('backpath-worker');
    expect(worker.container.command).toEqual(['node', 'apps/api/src/worker.ts']);
    for (const { replicas, container } of [api, worker]) {
      expect(replicas).toBeGreaterThanOrEqual(2);
      expect(container.image).toMatch(/:[\w.-]+$/);
      expect(container.image).not.toMatch(/:latest$/);
      expect(container.livenessProbe.httpGet.path).toBe('/healthz');
      expect(container.readinessProbe.httpGet.path).toBe('/readyz');
      expect(container.resources.limits.memory).toBeTruthy();
      expect(container.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
      });
    }
    expect(docs.some((d) => d.kind === 'Service' && d.metadata.name === 'backpath-api')).toBe(true);
  });
});
