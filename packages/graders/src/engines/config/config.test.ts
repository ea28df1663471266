import { CONFIG_RULES } from '@backpath/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraders, type Graders } from '../../index.ts';
import { exercise } from '../../test-support.ts';
import { type ConfigRule, checkConfig } from './check-config.ts';

const GOOD_DOCKERFILE = `FROM node:22.12-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:22.12-alpine
WORKDIR /app
COPY --from=build --chown=node:node /app/dist ./dist
USER node
HEALTHCHECK CMD wget -qO- http://localhost:3000/health || exit 1
CMD ["node", "dist/server.js"]
`;

const GOOD_COMPOSE = `services:
  api:
    build: .
    restart: unless-stopped
    environment:
      DATABASE_PASSWORD: \${DATABASE_PASSWORD}
    depends_on:
      db:
        condition: service_healthy
  db:
    image: postgres:17
    restart: unless-stopped
    environment:
      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD}
    volumes:
      - db-data:/var/lib/postgresql/data
    healthcheck:
      test: ["CMD", "pg_isready"]
volumes:
  db-data:
`;

const SHA = 'a'.repeat(40);
const GOOD_WORKFLOW = `on:
  push:
    branches: [main]
  pull_request:
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@${SHA}
      - uses: actions/setup-node@${SHA}
        with:
          cache: npm
      - run: npm ci && npm test
  deploy:
    needs: [test]
    if: github.ref == 'refs/heads/main'
    runs-on: ubuntu-latest
    steps:
      - uses: ./.github/actions/deploy
        with:
          token: \${{ secrets.DEPLOY_TOKEN }}
`;

const rules = (prefix: string) => CONFIG_RULES.filter((r) => r.startsWith(prefix)) as ConfigRule[];
const failing = (format: 'dockerfile' | 'compose' | 'github-actions', source: string, rule: ConfigRule) =>
  checkConfig(format, source, [rule]).findings[0];

describe('checkConfig', () => {
  it('passes good files on every rule of their format', () => {
    for (const [format, source, prefix] of [
      ['dockerfile', GOOD_DOCKERFILE, 'dockerfile-'],
      ['compose', GOOD_COMPOSE, 'compose-'],
      ['github-actions', GOOD_WORKFLOW, 'workflow-'],
    ] as const) {
      const report = checkConfig(format, source, rules(prefix));
      expect(
        report.findings.filter((f) => !f.pass),
        format,
      ).toEqual([]);
    }
  });

  it.each([
    [
      'dockerfile-pinned-base',
      GOOD_DOCKERFILE.replace('FROM node:22.12-alpine\n', 'FROM node\n'),
      'does not pin a version',
    ],
    [
      'dockerfile-no-latest',
      GOOD_DOCKERFILE.replace('AS build', 'AS build').replace('FROM node:22.12-alpine\n', 'FROM node:latest\n'),
      'latest tag',
    ],
    ['dockerfile-non-root', GOOD_DOCKERFILE.replace('USER node\n', ''), 'runs as root'],
    ['dockerfile-multi-stage', 'FROM node:22.12-alpine\nUSER node\n', 'only one stage'],
    ['dockerfile-no-secrets', GOOD_DOCKERFILE.replace('USER node', 'ENV API_KEY=abc123\nUSER node'), 'bakes a secret'],
    [
      'dockerfile-dependency-cache',
      GOOD_DOCKERFILE.replace('COPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .', 'COPY . .\nRUN npm ci'),
      'any code change re-runs the install',
    ],
    ['dockerfile-healthcheck', GOOD_DOCKERFILE.replace(/HEALTHCHECK.*\n/, ''), 'no HEALTHCHECK'],
  ] as const)('%s fails with its explanation', (rule, source, text) => {
    const finding = failing('dockerfile', source, rule);
    expect(finding?.pass).toBe(false);
    expect(finding?.message).toContain(text);
  });

  it('reports .env files copied into the image', () => {
    expect(
      failing('dockerfile', GOOD_DOCKERFILE.replace('COPY . .', 'COPY .env .\nCOPY . .'), 'dockerfile-no-secrets')
        ?.message,
    ).toContain('.env');
  });

  it.each([
    ['compose-healthchecks', GOOD_COMPOSE.replace(/ {4}healthcheck:\n.*\n/, ''), 'has no healthcheck'],
    [
      'compose-depends-on-healthy',
      GOOD_COMPOSE.replace('condition: service_healthy', 'condition: service_started'),
      'service_healthy',
    ],
    ['compose-no-inline-secrets', GOOD_COMPOSE.replace(`\${POSTGRES_PASSWORD}`, 'hunter2'), 'literal value'],
    ['compose-named-volumes', GOOD_COMPOSE.replace('db-data:/var', './data:/var'), 'no named volume'],
    [
      'compose-restart-policy',
      GOOD_COMPOSE.replace(
        '    restart: unless-stopped\n    environment:\n      DATABASE',
        '    environment:\n      DATABASE',
      ),
      'no restart: policy',
    ],
  ] as const)('%s fails with its explanation', (rule, source, text) => {
    const finding = failing('compose', source, rule);
    expect(finding?.pass).toBe(false);
    expect(finding?.message).toContain(text);
  });

  it.each([
    ['workflow-tests-before-deploy', GOOD_WORKFLOW.replace('    needs: [test]\n', ''), 'does not need the test job'],
    [
      'workflow-dependency-cache',
      GOOD_WORKFLOW.replace('        with:\n          cache: npm\n', ''),
      'downloaded from scratch',
    ],
    [
      'workflow-pinned-actions',
      GOOD_WORKFLOW.replace(`checkout@${SHA}`, 'checkout@v4'),
      'full 40-character commit SHA',
    ],
    [
      'workflow-least-privilege',
      GOOD_WORKFLOW.replace('permissions:\n  contents: read\n', ''),
      'No top-level permissions',
    ],
    [
      'workflow-no-inline-secrets',
      GOOD_WORKFLOW.replace(`\${{ secrets.DEPLOY_TOKEN }}`, 'ghp_123456'),
      'literal value',
    ],
    [
      'workflow-deploy-on-main-only',
      GOOD_WORKFLOW.replace("    if: github.ref == 'refs/heads/main'\n", ''),
      'pull requests and other branches',
    ],
  ] as const)('%s fails with its explanation', (rule, source, text) => {
    const finding = failing('github-actions', source, rule);
    expect(finding?.pass).toBe(false);
    expect(finding?.message).toContain(text);
  });

  it('accepts a deploy restricted by the workflow trigger and transitive needs', () => {
    const source = GOOD_WORKFLOW.replace('  pull_request:\n', '').replace(
      "    if: github.ref == 'refs/heads/main'\n",
      '',
    );
    expect(failing('github-actions', source, 'workflow-deploy-on-main-only')?.pass).toBe(true);
  });

  it('turns parse failures into errors with the line number', () => {
    expect(
      checkConfig('compose', 'services:\n  api:\n    image: [oops\n', ['compose-restart-policy']).parseError?.line,
    ).toBeGreaterThanOrEqual(3);
    expect(checkConfig('dockerfile', 'FROM node:22\nRUNN npm ci\n', ['dockerfile-non-root']).parseError).toMatchObject({
      line: 2,
    });
  });
});

describe('config engine', () => {
  let graders: Graders;
  beforeAll(() => {
    graders = createGraders({ sqlWorkers: 0, codeWorkers: 1 });
  });
  afterAll(() => graders.close());
  const ex = exercise('config', GOOD_DOCKERFILE, {
    format: 'dockerfile',
    checks: [
      { name: 'runs as a non-root user', rule: 'dockerfile-non-root' },
      { name: 'has a health check', rule: 'dockerfile-healthcheck', hidden: true },
    ],
  });

  it('grades each check and reports parse errors as error results', async () => {
    expect((await graders.grade(ex, GOOD_DOCKERFILE)).status).toBe('pass');
    const fail = await graders.grade(ex, 'FROM node:22\nUSER root\n');
    expect(fail.tests.map((t) => t.status)).toEqual(['fail', 'fail']);
    expect(fail.tests[0]?.message).toContain('USER root is the root user');
    const broken = await graders.grade(ex, 'RUN echo hi\n');
    expect(broken).toMatchObject({ status: 'error', errorCode: 'compile_error' });
    expect(broken.message).toMatch(/line 1/i);
  });
});
