/** The live output: colours only when asked, a progress line during load, failures with their request. */
import { describe, expect, test } from 'vitest';
import { makeColors } from '../output.ts';
import { createReporter } from './reporter.ts';
import type { CheckResult } from './types.ts';

const failing: CheckResult = {
  name: 'GET /health answers 200',
  status: 'fail',
  message: 'Expected status 200 OK, got 500 Internal Server Error.',
  exchanges: [
    {
      method: 'GET',
      url: 'http://127.0.0.1:8080/health',
      headers: {},
      curl: "curl -i 'http://127.0.0.1:8080/health'",
      response: {
        status: 500,
        statusText: 'x',
        headers: { 'content-type': 'application/json' },
        body: '{"error":{}}',
        json: {},
        durationMs: 3,
      },
    },
  ],
};

function capture(colors: boolean, verbose = false) {
  const lines: string[] = [];
  const reporter = createReporter({ colors: makeColors(colors), write: (l) => lines.push(l), inPlace: false, verbose });
  return { lines, reporter };
}

describe('reporter', () => {
  test('plain text without colours: ✗, the request, the curl command, the response and the message', () => {
    const { lines, reporter } = capture(false);
    reporter.check?.(failing);
    expect(lines).toEqual([
      '  ✗ GET /health answers 200',
      '    → GET /health',
      "      $ curl -i 'http://127.0.0.1:8080/health'",
      '    ← 500 Internal Server Error [application/json] 3 ms {"error":{}}',
      '    Expected status 200 OK, got 500 Internal Server Error.',
    ]);
  });

  test('with colours the marks are ANSI-coloured; without, no escape codes at all', () => {
    const coloured = capture(true);
    coloured.reporter.check?.({ ...failing, status: 'pass', message: undefined });
    expect(coloured.lines[0]).toContain('\x1b[32m✓');
    const plain = capture(false);
    plain.reporter.check?.({ ...failing, status: 'pass', message: undefined });
    expect(plain.lines.join('\n')).not.toContain('\x1b[');
    expect(plain.lines).toEqual(['  ✓ GET /health answers 200']);
  });

  test('when piped, the load progress prints one line per second', () => {
    const { lines, reporter } = capture(false);
    for (const t of [0.5, 1.0, 1.5, 2.0, 2.5])
      reporter.progress?.({ elapsedSeconds: t, totalSeconds: 3, requests: t * 100, errors: 0 });
    expect(lines).toEqual(['  … load 1.0/3 s, 100 requests, 0 errors', '  … load 2.0/3 s, 200 requests, 0 errors']);
  });

  test('a skipped check says why in one line; the stage summary counts failed and skipped checks', () => {
    const { lines, reporter } = capture(false);
    const skipped: CheckResult = {
      name: 'GET /bookmarks/{id} returns the same bookmark',
      status: 'skipped',
      message: 'skipped because "POST /bookmarks creates a bookmark" failed',
      exchanges: [],
    };
    reporter.check?.(skipped);
    reporter.stageEnd?.({
      number: 2,
      id: 'bookmarks-create-read',
      title: 'Create and read bookmarks',
      status: 'fail',
      checks: [{ ...failing, status: 'pass' }, failing, skipped],
    });
    expect(lines).toEqual([
      '  – GET /bookmarks/{id} returns the same bookmark: skipped because "POST /bookmarks creates a bookmark" failed',
      '  1/3 checks passed, 1 failed, 1 skipped',
    ]);
  });
});
