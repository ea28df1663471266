/**
 * Proof that the tester catches real mistakes: the TypeScript reference solution with one defect
 * switched on (by wrapping it, see testing/broken-server.ts) must fail at the right stage, on the right
 * check, with a message that points at the mistake.
 */
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Defect } from '../testing/broken-server.ts';
import { freePort, REPO_ROOT, tempDir } from '../testing/helpers.ts';
import { runTests } from './runner.ts';

process.env.BACKPATH_LOAD_SECONDS = '1';
// Correctness only: a busy test machine must not fail the p95 check (speed is measured by test-capstone).
process.env.BACKPATH_LOAD_P95_MS = '10000';
const BROKEN = path.join(REPO_ROOT, 'apps/cli/src/testing/broken-server.ts');
const REFERENCE_DOCKERFILE = path.join(REPO_ROOT, 'examples/capstone/typescript/Dockerfile');

async function runBroken(defect: Defect) {
  const dir = await tempDir(`backpath-broken-${defect}-`);
  await writeFile(
    path.join(dir, 'backpath.yml'),
    `command: [node, ${JSON.stringify(BROKEN)}]\nport: 8080\nreadiness: /health\nenv:\n  BACKPATH_BREAK: ${defect}\n  DATA_FILE: ${JSON.stringify(path.join(dir, 'data.json'))}\n`,
  );
  if (defect === 'no-dockerfile-user') {
    await writeFile(
      path.join(dir, 'Dockerfile'),
      'FROM node:24.11-alpine3.22\nCOPY . .\nHEALTHCHECK CMD wget -qO- http://127.0.0.1:8080/health\nCMD ["node", "src/server.ts"]\n',
    );
  } else {
    await copyFile(REFERENCE_DOCKERFILE, path.join(dir, 'Dockerfile'));
  }
  const report = await runTests({ targetStage: 11, seed: 7, dir, port: await freePort() });
  const failed = report.stages.find((s) => s.status === 'fail');
  const check = failed?.checks.find((c) => c.status === 'fail');
  return { report, stage: failed?.number, check: check?.name ?? '', message: check?.message ?? '' };
}

const CASES: [Defect, number, RegExp, RegExp][] = [
  [
    'no-health',
    1,
    /GET \/health answers 200/,
    /Expected status 200 OK, got 404 Not Found[\s\S]*Hint: Add a route: GET \/health/,
  ],
  ['health-wrong-status', 1, /GET \/health answers 200/, /Expected status 200 OK, got 204 No Content/],
  ['no-location', 2, /POST \/bookmarks creates/, /Expected a Location header \(\/bookmarks\/\d+\)/],
  ['no-tag-filter', 3, /lists all \d+, oldest first/, /created without that tag .*: the tag filter was ignored/],
  ['no-pagination', 3, /limit=\d&offset=\d returns one page/, /returned \d+ items .*: limit and offset were ignored/],
  ['no-404', 4, /GET a deleted bookmark answers 404/, /Expected status 404 Not Found, got 200 OK/],
  ['no-validation', 5, /malformed JSON answers 400/, /Expected status 400 Bad Request, got 201 Created/],
  ['no-persistence', 6, /restart the server/, /After the restart, the user signed up before it could not sign in/],
  [
    'password-as-token',
    7,
    /the password itself as the token answers 401/,
    /Expected status 401 Unauthorized, got 200 OK/,
  ],
  ['idor', 8, /second user's GET/, /Expected status 404 Not Found or 403 Forbidden, got 200 OK[\s\S]*id AND owner/],
  ['no-etag', 9, /sends an ETag header/, /Expected a ETag header/],
  [
    'errors-under-load',
    9,
    /clients for \d+ s: no errors/,
    /requests failed under load; the first: GET \/bookmarks\S* answered 500[\s\S]*connection pool/,
  ],
  ['sqli', 10, /tag=x' OR '1'='1 matches nothing/, /Expected "total" 0 .*the filter was injected into SQL/],
  [
    'no-security-headers',
    10,
    /responses carry security headers/,
    /GET \/bookmarks lacks security headers: X-Content-Type-Options: nosniff \(missing\); X-Frame-Options: DENY \(missing\); Content-Security-Policy/,
  ],
  ['html-content-type', 10, /HTML\/script title/, /Expected header Content-Type: application\/json, got "text\/html"/],
  ['stack-trace', 10, /not JSON gets a 4xx error body without a stack trace/, /contains a stack trace/],
  ['no-rate-limit', 10, /sign-in is rate limited/, /Expected status 429 Too Many Requests, got 401 Unauthorized/],
  ['plain-logs', 11, /structured logs/, /not a JSON object: Server listening on port/],
  ['no-dockerfile-user', 11, /Dockerfile that passes/, /dockerfile-non-root/],
  ['sigterm-crash', 11, /on SIGTERM/, /in flight when SIGTERM arrived got no answer|exited with signal SIGTERM/],
];

describe.concurrent('a reference solution with one defect fails where it should', () => {
  for (const [defect, stage, checkName, message] of CASES) {
    test(`${defect} fails stage ${stage}`, async () => {
      const result = await runBroken(defect);
      expect({ stage: result.stage, check: result.check }).toEqual({ stage, check: expect.stringMatching(checkName) });
      expect(result.message).toMatch(message);
      expect(result.report.passed).toBe(false);
      expect(result.report.stages.slice(stage).every((s) => s.status === 'skipped')).toBe(true);
    });
  }
});
