/** Both reference solutions pass every stage, and the report is complete and machine-readable. */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { freePort, REPO_ROOT, tempDir } from '../testing/helpers.ts';
import { runTests } from './runner.ts';
import type { CheckResult } from './types.ts';

process.env.BACKPATH_LOAD_SECONDS = '1';
// Correctness only: a busy test machine must not fail the p95 check (speed is measured by test-capstone).
process.env.BACKPATH_LOAD_P95_MS = '10000';

describe.each([
  ['typescript', 'json'],
  ['python', 'db'],
])('the %s reference solution', (language, ext) => {
  test('passes all 11 stages', async () => {
    process.env.DATA_FILE = path.join(await tempDir(), `bookmarks.${ext}`);
    const checks: CheckResult[] = [];
    const report = await runTests({
      targetStage: 11,
      seed: 12345,
      dir: path.join(REPO_ROOT, 'examples/capstone', language),
      port: await freePort(),
      events: { check: (c) => checks.push(c) },
    });
    const failures = report.stages.flatMap((s) => s.checks.filter((c) => c.status === 'fail'));
    expect(failures).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.stages.map((s) => [s.number, s.status])).toEqual(
      Array.from({ length: 11 }, (_, i) => [i + 1, 'pass']),
    );
    expect(report.load?.errors).toBe(0);
    expect(report.load?.requests).toBeGreaterThan(0);
    expect(report.target.startedByTester).toBe(true);
    // Every check the reporter heard about is in the report, and every exchange carries a curl command.
    expect(checks.length).toBe(report.stages.reduce((n, s) => n + s.checks.length, 0));
    const exchanges = checks.flatMap((c) => c.exchanges);
    expect(exchanges.length).toBeGreaterThan(50);
    expect(exchanges.every((e) => e.curl.startsWith('curl -i') && e.response !== undefined)).toBe(true);
  });
});

test('a finished solution tested below stage 7 fails with a hint to raise --stage', async () => {
  process.env.DATA_FILE = path.join(await tempDir(), 'bookmarks.json');
  const report = await runTests({
    targetStage: 2,
    seed: 1,
    dir: path.join(REPO_ROOT, 'examples/capstone/typescript'),
    port: await freePort(),
  });
  expect(report.failedStage).toBe(2);
  const failed = report.stages[1]?.checks.find((c) => c.status === 'fail');
  expect(failed?.message).toMatch(/got 401 Unauthorized[\s\S]*test with --stage 7 or higher/);
});

test('with --url, the stages that must restart or stop the server say to run without --url', async () => {
  const { spawn } = await import('node:child_process');
  const port = await freePort();
  const dir = path.join(REPO_ROOT, 'examples/capstone/typescript');
  const child = spawn(process.execPath, ['src/server.ts'], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), DATA_FILE: path.join(await tempDir(), 'b.json') },
    stdio: 'ignore',
  });
  try {
    const { send } = await import('./http-client.ts');
    for (let i = 0; i < 100; i++) {
      if (
        await send(`http://127.0.0.1:${port}`, { method: 'GET', path: '/health' }).then(
          () => true,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const report = await runTests({ targetStage: 11, seed: 2, dir, url: `http://localhost:${port}` });
    expect(report.target).toEqual({ url: `http://localhost:${port}`, startedByTester: false });
    expect(report.failedStage).toBe(6);
    const failed = report.stages[5]?.checks.find((c) => c.status === 'fail');
    expect(failed?.name).toBe('restart the server (SIGTERM, then start it again)');
    expect(failed?.message).toContain('run without --url');
  } finally {
    child.kill('SIGKILL');
  }
});
