/** The project's language is found from backpath.yml, the command or the files, and hints follow it. */
import { copyFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { freePort, REPO_ROOT, tempDir } from '../testing/helpers.ts';
import { detectLanguage } from './project-language.ts';
import { runTests } from './runner.ts';

process.env.BACKPATH_LOAD_SECONDS = '1';
process.env.BACKPATH_LOAD_P95_MS = '10000';

async function folder(files: string[]): Promise<string> {
  const dir = await tempDir('backpath-language-');
  for (const f of files) await writeFile(path.join(dir, f), '');
  return dir;
}

describe('detectLanguage', () => {
  test('language: in backpath.yml wins over everything', async () => {
    expect(await detectLanguage(await folder(['package.json']), ['node', 'x.js'], 'ruby')).toBe('ruby');
  });

  test.each([
    [['python3', 'server.py'], 'python'],
    [['uvicorn', 'app:app'], 'python'],
    [['node', 'src/server.ts'], 'typescript'],
    [['npm', 'start'], 'typescript'],
    [['go', 'run', '.'], 'go'],
    [['./gradlew', 'run'], 'java'],
    [['java', 'Main.java'], 'java'],
    [['bundle', 'exec', 'ruby', 'app.rb'], 'ruby'],
  ] as const)('the command %j means %s', async (command, language) => {
    expect(await detectLanguage(await folder([]), [...command])).toBe(language);
  });

  test.each([
    [['run.sh', 'requirements.txt', 'app.js'], 'python'],
    [['Makefile', 'go.mod', 'main.go'], 'go'],
    [['pom.xml'], 'java'],
    [['Gemfile'], 'ruby'],
    [['index.mjs'], 'typescript'],
    [['main.rs'], 'other'],
  ] as const)('behind a wrapper command, the files %j mean %s (manifests first)', async (files, language) => {
    expect(await detectLanguage(await folder([...files]), ['sh', 'run.sh'])).toBe(language);
  });
});

test('a Python project with a careless Dockerfile gets Python hints, never a Node example', async () => {
  const dir = await tempDir('backpath-python-project-');
  const source = path.join(REPO_ROOT, 'examples/capstone/python');
  for (const f of await readdir(source))
    if (f.endsWith('.py') || f === 'backpath.yml') await copyFile(path.join(source, f), path.join(dir, f));
  // What a beginner writes first: no pinned version, no user, no health check.
  await writeFile(path.join(dir, 'Dockerfile'), 'FROM python\nCOPY . .\nCMD ["python3", "server.py"]\n');
  process.env.DATA_FILE = path.join(dir, 'bookmarks.db');
  const report = await runTests({ targetStage: 11, seed: 5, dir, port: await freePort() });
  expect(report.failedStage).toBe(11);
  const failed = report.stages[10]?.checks.filter((c) => c.status === 'fail') ?? [];
  expect(failed.map((c) => c.name)).toEqual(['the project folder has a Dockerfile that passes the container rules']);
  const message = failed[0]?.message ?? '';
  expect(message).toMatch(/dockerfile-pinned-base: .*such as python:3\.\d+\.\d+-slim/);
  expect(message).toMatch(/dockerfile-non-root: .*useradd --system app/);
  expect(message).toMatch(/dockerfile-healthcheck: .*HEALTHCHECK CMD python3 -c "import urllib\.request/);
  expect(message).not.toMatch(/node/i);
  // The other stage-11 checks still ran: logs and graceful shutdown pass for this server.
  expect(report.stages[10]?.checks.filter((c) => c.status === 'pass')).toHaveLength(2);
});
