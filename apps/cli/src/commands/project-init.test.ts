/** `project init` for every language: valid files; the Node and Python ones really start and pass stage 1. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseProjectConfig } from '../tester/project-config.ts';
import { runTests } from '../tester/runner.ts';
import { freePort, runCli, tempDir } from '../testing/helpers.ts';

const EXPECTED: Record<string, { files: string[]; command: string[] }> = {
  typescript: { files: ['README.md', 'backpath.yml', 'package.json', 'server.ts'], command: ['node', 'server.ts'] },
  python: { files: ['README.md', 'backpath.yml', 'server.py'], command: ['python3', 'server.py'] },
  go: { files: ['README.md', 'backpath.yml', 'go.mod', 'main.go'], command: ['go', 'run', '.'] },
  java: { files: ['Main.java', 'README.md', 'backpath.yml'], command: ['java', 'Main.java'] },
  ruby: { files: ['README.md', 'backpath.yml', 'server.rb'], command: ['ruby', 'server.rb'] },
};

async function init(language: string, port: number): Promise<string> {
  const dir = path.join(await tempDir(), 'my-api');
  const run = await runCli(['project', 'init', language, '--dir', dir, '--port', String(port)]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('Next: cd');
  return dir;
}

describe('project init', () => {
  test.each(Object.entries(EXPECTED))('%s produces its files and a valid backpath.yml', async (language, want) => {
    const dir = await init(language, 9123);
    expect((await readdir(dir)).sort()).toEqual(want.files);
    const config = parseProjectConfig(await readFile(path.join(dir, 'backpath.yml'), 'utf8'), dir);
    expect(config).toMatchObject({ command: want.command, port: 9123, readiness: '/health', stage: 1, language });
    // The README's container and shutdown hints are in the project's own language.
    const readme = await readFile(path.join(dir, 'README.md'), 'utf8');
    if (language !== 'typescript') expect(readme).not.toMatch(/node:|USER node|server\.close|process\.on/);
    expect(readme).toContain('127.0.0.1:9123/health');
    const source = await readFile(
      path.join(dir, want.files.find((f) => /\.(ts|py|go|java|rb)$/.test(f)) as string),
      'utf8',
    );
    expect(source).toContain('/health');
    expect(source).toContain('PORT');
  });

  test.each(['typescript', 'python'])('the %s starter starts and passes stage 1', async (language) => {
    const dir = await init(language, await freePort());
    const report = await runTests({ targetStage: 1, seed: 1, dir });
    expect(report.stages[0]?.checks.map((c) => [c.name, c.status, c.message])).toEqual([
      ['GET /health answers 200 with {"status":"ok"}', 'pass', undefined],
    ]);
    expect(report.passed).toBe(true);
  });

  test('project test on the starter: plain text when piped, exit 1 and a JSON report at stage 2', async () => {
    const dir = await init('typescript', await freePort());
    const first = await runCli(['project', 'test', '--dir', dir]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Testing stages 1-1');
    expect(first.stdout).toContain('Next: stage 2, Create and read bookmarks. Set `stage: 2` in backpath.yml');
    const human = await runCli(['project', 'test', '--stage', '2', '--seed', '3', '--dir', dir]);
    expect(human.code).toBe(1);
    expect(human.stdout).not.toContain('\x1b[');
    expect(human.stdout).toContain('✓ GET /health answers 200');
    expect(human.stdout).toContain("$ curl -i -X POST 'http://127.0.0.1:");
    expect(human.stdout).toContain('✗ POST /bookmarks creates a bookmark');
    expect(human.stdout).toContain('Expected status 201 Created, got 404 Not Found');
    expect(human.stdout).toContain('Reproduce this exact run with --seed 3');

    const json = await runCli(['project', 'test', '--stage', '2', '--seed', '3', '--json', '--dir', dir]);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({
      version: 1,
      project: 'bookmarks-api',
      seed: 3,
      targetStage: 2,
      passed: false,
      failedStage: 2,
    });
    expect(report.stages[1].checks[0]).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('Expected status 201'),
    });
  });

  test('refuses an unknown language or a non-empty folder (exit 2)', async () => {
    const bad = await runCli(['project', 'init', 'cobol', '--dir', await tempDir()]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Choose one of: typescript, python, go, java, ruby.');
    const dir = await init('python', 8080);
    const again = await runCli(['project', 'init', 'python', '--dir', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('is not empty');
  });
});
