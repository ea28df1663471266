/** The Dockerfile rules stage 11 applies: both reference Dockerfiles pass, common mistakes do not. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../testing/helpers.ts';
import { builtinCheck, checkDockerfile, DOCKERFILE_RULES } from './dockerfile-rules.ts';

const failedRules = (source: string) =>
  builtinCheck(source, DOCKERFILE_RULES)
    .filter((r) => !r.passed)
    .map((r) => r.rule);

describe('Dockerfile rules', () => {
  test.each(['typescript', 'python'])('the %s reference Dockerfile passes every rule', async (language) => {
    const source = await readFile(path.join(REPO_ROOT, 'examples/capstone', language, 'Dockerfile'), 'utf8');
    expect((await checkDockerfile(source)).filter((r) => !r.passed)).toEqual([]);
  });

  test('catches an unpinned base, root user, baked-in secret and missing healthcheck', () => {
    expect(failedRules('FROM node\nENV API_KEY=sk_live_123\nCMD ["node", "server.js"]\n')).toEqual([
      'dockerfile-pinned-base',
      'dockerfile-non-root',
      'dockerfile-no-secrets',
      'dockerfile-healthcheck',
    ]);
    expect(failedRules('FROM python:latest\nUSER root\nHEALTHCHECK CMD true\n')).toEqual([
      'dockerfile-no-latest',
      'dockerfile-non-root',
    ]);
  });

  test('only the final stage of a multi-stage build decides the user', () => {
    const source =
      'FROM node:24 AS build\nUSER node\nRUN echo\nFROM node:24-slim\nHEALTHCHECK CMD true\nCMD ["node"]\n';
    expect(failedRules(source)).toEqual(['dockerfile-non-root']);
  });
});
