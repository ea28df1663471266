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

async function runBroken(defect: Defect, targetStage = 11) {
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
  const report = await runTests({ targetStage, seed: 7, dir, port: await freePort() });
  const failed = report.stages.find((s) => s.status === 'fail');
  const check = failed?.checks.find((c) => c.status === 'fail');
  const failures = (failed?.checks ?? []).filter((c) => c.status === 'fail');
  return { report, stage: failed?.number, check: check?.name ?? '', message: check?.message ?? '', failures };
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
  [
    'sqli',
    10,
    /tag=\w+' OR '1'='1 matches nothing/,
    /returned bookmarks of ANOTHER user .*the filter was injected into SQL/,
  ],
  [
    'no-security-headers',
    10,
    /a 200 answer \(GET \/bookmarks\) carries the security headers/,
    /The 200 answer to GET \/bookmarks lacks security headers: X-Content-Type-Options: nosniff \(missing\); X-Frame-Options: DENY \(missing\); Content-Security-Policy/,
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

/**
 * Mistakes an outside tester's own servers got past the tester (issue 13). Every check of a stage now
 * runs, so each case names the failures it must produce, wherever they fall in the stage.
 */
const FALSE_PASSES: [Defect, number, [name: RegExp, message: RegExp][]][] = [
  [
    'sqli-like',
    10,
    [
      [/tag=\w+' OR 1=1 -- matches nothing/, /returned bookmarks of ANOTHER user[\s\S]*OR 1=1 matched every row/],
      [
        /tag='\) matches nothing/,
        /answered 500[\s\S]*never a crash: the quote and bracket were pasted into the SQL text/,
      ],
      [/tag=% matches nothing/, /Expected "total" 0 and no items .*% is the LIKE wildcard/],
    ],
  ],
  [
    'like-wildcard',
    10,
    [
      [/tag=% matches nothing/, /got "total" [1-9]\d* .*% is the LIKE wildcard for "anything"[\s\S]*escape % and _/],
      [/tag=_ matches nothing/, /got "total" [1-9]\d* .*_ is the LIKE wildcard for "any one character"/],
    ],
  ],
  [
    'no-headers-on-401',
    10,
    [
      [
        /a 401 answer \(GET \/bookmarks without a token\) carries the security headers/,
        /The 401 answer to GET \/bookmarks lacks security headers: X-Content-Type-Options: nosniff \(missing\)[\s\S]*errors included/,
      ],
    ],
  ],
  [
    'token-from-email',
    7,
    [[/a second sign-in gives a new token, not one derived/, /The token is sha256\(email\) \([0-9a-f]{64}\)/]],
  ],
  [
    'signin-oracle',
    7,
    [
      [
        /an unknown email gets exactly the same 401 answer as a wrong password/,
        /A wrong password answered 401 .*Wrong password.*, but an unknown email answered 401 .*No account with this email.*which emails have an account/,
      ],
    ],
  ],
  [
    'limit-default-10',
    3,
    [
      [
        /without "limit", a page holds exactly 20 of 2\d matches/,
        /\(no limit\) returned 10 items of 2\d matches; the default page size is 20/,
      ],
    ],
  ],
  [
    'sorted-tags',
    2,
    [
      [
        /tags come back exactly as sent \(order, case and repeats kept\)/,
        /a repeated tag was dropped \(a Set\?\) and they came back in another order \(sorted\?\)/,
      ],
    ],
  ],
];

describe.concurrent('servers that passed before issue 13 now fail, saying why', () => {
  for (const [defect, stage, expected] of FALSE_PASSES) {
    test(`${defect} fails stage ${stage}`, async () => {
      const result = await runBroken(defect, Math.max(stage, 7));
      expect(result.stage).toBe(stage);
      for (const [name, message] of expected) {
        const failure = result.failures.find((c) => name.test(c.name));
        expect(failure, `a failed check named ${name}; failed: ${result.failures.map((c) => c.name)}`).toBeDefined();
        expect(failure?.message).toMatch(message);
      }
      expect(result.report.stages.slice(stage).every((s) => s.status === 'skipped')).toBe(true);
    });
  }

  test('a server that dies mid-run: its exit code and stderr are shown, the rest of the run is skipped', async () => {
    const { report, stage, check, message } = await runBroken('crash-on-bad-title', 11);
    expect({ stage, check }).toEqual({ stage: 5, check: expect.stringMatching(/PATCH with a non-string "title"/) });
    expect(message).toMatch(
      /got no response[\s\S]*Your server stopped during this check: it exited with code 1[\s\S]*line\(s\) it wrote to stderr:[\s\S]*TypeError: .*trim is not a function/,
    );
    const stage5 = report.stages[4]?.checks ?? [];
    const crashed = stage5.findIndex((c) => c.status === 'fail');
    const after = stage5.slice(crashed + 1);
    expect(after.length).toBeGreaterThan(3);
    expect(
      after.every(
        (c) => c.status === 'skipped' && /your server stopped \(it exited with code 1\)/.test(c.message ?? ''),
      ),
    ).toBe(true);
    expect(report.stages.slice(5).every((s) => s.status === 'skipped')).toBe(true);
  });

  test('every independent failure of a stage is reported, not only the first', async () => {
    const { report, stage, failures } = await runBroken('lenient-limits', 7);
    expect(stage).toBe(5);
    expect(failures.map((c) => c.name)).toEqual([
      'GET with ?limit=0 answers 400 with {"error":{"message"}}',
      'GET with ?limit=101 (the maximum is 100) answers 400 with {"error":{"message"}}',
      'GET with ?limit=abc answers 400 with {"error":{"message"}}',
      'GET with ?offset=-1 answers 400 with {"error":{"message"}}',
    ]);
    const others = (report.stages[4]?.checks ?? []).filter((c) => !failures.includes(c));
    expect(others.length).toBeGreaterThan(10);
    expect(others.every((c) => c.status === 'pass')).toBe(true);
  });

  test('a check that needs a failed one is skipped, naming it', async () => {
    const { report } = await runBroken('no-location', 7);
    const checks = report.stages[1]?.checks ?? [];
    const post = checks.find((c) => c.name.startsWith('POST /bookmarks creates a bookmark'));
    expect(post?.status).toBe('fail');
    const read = checks.find((c) => c.name === 'GET /bookmarks/{id} returns the same bookmark');
    expect(read).toMatchObject({ status: 'skipped', message: `skipped because "${post?.name}" failed`, exchanges: [] });
  });
});
