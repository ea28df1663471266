/** Stage 11's Dockerfile rules: both reference Dockerfiles pass, common mistakes are named. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../testing/helpers.ts';
import { checkDockerfile } from './dockerfile-rules.ts';
import { hintsFor } from './project-language.ts';

const failedRules = async (source: string) =>
  (await checkDockerfile(source)).filter((r) => !r.passed).map((r) => r.rule);

describe('Dockerfile rules', () => {
  test.each(['typescript', 'python'])('the %s reference Dockerfile passes every rule', async (language) => {
    const source = await readFile(path.join(REPO_ROOT, 'examples/capstone', language, 'Dockerfile'), 'utf8');
    expect((await checkDockerfile(source)).filter((r) => !r.passed)).toEqual([]);
  });

  test('names an unpinned base, a root user, a baked-in secret and a missing healthcheck', async () => {
    const failed = await failedRules('FROM node\nENV API_KEY=sk_live_123\nCMD ["node", "server.js"]\n');
    expect(failed).toEqual(
      expect.arrayContaining([
        'dockerfile-pinned-base',
        'dockerfile-non-root',
        'dockerfile-no-secrets',
        'dockerfile-healthcheck',
      ]),
    );
  });

  test('every failure carries a message saying what to fix', async () => {
    const outcomes = await checkDockerfile('FROM python:latest\nUSER root\nHEALTHCHECK CMD true\n');
    const failed = outcomes.filter((r) => !r.passed);
    expect(failed.map((r) => r.rule)).toContain('dockerfile-non-root');
    expect(failed.every((r) => r.message.length > 10)).toBe(true);
  });
});

describe('Dockerfile hints in the learner language', () => {
  const broken = 'FROM python\nCOPY . .\nCMD ["python3", "server.py"]\n';
  test.each(['python', 'go', 'java', 'ruby', 'other'] as const)(
    'a %s project is never shown a Node example',
    async (language) => {
      const failed = (await checkDockerfile(broken, hintsFor(language), 9000)).filter((r) => !r.passed);
      expect(failed.map((r) => r.rule)).toEqual(
        expect.arrayContaining(['dockerfile-pinned-base', 'dockerfile-non-root', 'dockerfile-healthcheck']),
      );
      const text = failed.map((r) => r.message).join('\n');
      expect(text).not.toMatch(/node:|USER node|wget -qO- http:\/\/localhost:3000/);
      expect(text).toContain(hintsFor(language).baseImage);
      expect(text).toContain('127.0.0.1:9000/health');
    },
  );

  test('a Python project gets a Python base image, user and health check', async () => {
    const failed = (await checkDockerfile(broken, hintsFor('python'), 8080)).filter((r) => !r.passed);
    const text = failed.map((r) => r.message).join('\n');
    expect(text).toMatch(/such as python:3\.\d+\.\d+-slim/);
    expect(text).toContain('useradd');
    expect(text).toContain('HEALTHCHECK CMD python3 -c "import urllib.request');
  });
});
