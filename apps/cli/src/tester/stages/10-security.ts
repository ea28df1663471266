/** Stage 10: hostile input is stored and returned verbatim as JSON, sign-in is rate limited, headers harden responses. */
import type { StageContext } from '../context.ts';
import { expectErrorBody, expectHeader, expectJsonObject, expectStatus, expectTrue, snippet } from '../expect.ts';
import type { TestResponse } from '../http-client.ts';
import { randomCredentials, signUp } from './accounts.ts';
import { createBookmark, expectBookmark, idOf, listBookmarks, randomBookmark } from './bookmarks.ts';
import type { Stage } from './stage-types.ts';

// Matched against the body with JSON escapes undone, since a stack inside a JSON string has escaped newlines.
const STACK_TRACE = [
  /\bat [\w.<>$]+ \(?[^\s()]+:\d+:\d+\)?/,
  /Traceback \(most recent call last\)/,
  /File "[^"]+", line \d+/,
  /\.java:\d+\)/,
  /goroutine \d+ \[/,
  /\.rb:\d+:in /,
];

const SECURITY_HEADERS: [name: string, want: string, ok: (v: string) => boolean][] = [
  ['X-Content-Type-Options', 'nosniff', (v) => v.toLowerCase() === 'nosniff'],
  ['X-Frame-Options', 'DENY', (v) => v.toUpperCase() === 'DENY'],
  ['Content-Security-Policy', "default-src 'none'", (v) => v.includes("default-src 'none'")],
];

/** Names every missing or wrong header at once, so one run shows all there is to fix. */
function expectSecurityHeaders(res: TestResponse, what: string): void {
  const wrong = SECURITY_HEADERS.filter(([name, , ok]) => !ok(res.headers[name.toLowerCase()] ?? ''));
  expectTrue(
    wrong.length === 0,
    `${what} lacks security headers: ${wrong
      .map(([name, want]) => {
        const got = res.headers[name.toLowerCase()];
        return `${name}: ${want} (${got === undefined ? 'missing' : `got "${got}"`})`;
      })
      .join('; ')}.`,
    'Add them to every response, errors included, in one place (a helper or middleware that sends responses).',
  );
  expectTrue(
    !('x-powered-by' in res.headers),
    `Remove the X-Powered-By header (got "${res.headers['x-powered-by']}"): it tells attackers what you run.`,
  );
}

async function storedVerbatim(ctx: StageContext, title: string, tag: string): Promise<void> {
  const input = { ...randomBookmark(ctx, [tag]), title };
  const id = idOf(await createBookmark(ctx, input));
  const res = await ctx.request({ method: 'GET', path: `/bookmarks/${id}` });
  expectStatus(res, 200);
  expectBookmark(expectJsonObject(res), input, 'the bookmark read back');
}

export const securityStage: Stage = {
  number: 10,
  id: 'bookmarks-security',
  title: 'Security probes',
  async run(ctx) {
    const w = ctx.random.word(5);
    const sql = [`Robert'); DROP TABLE bookmarks;-- ${w}`, `${w}' OR '1'='1`, `"; DELETE FROM users; -- ${w}`];
    for (const title of sql) {
      await ctx.check(`a title with SQL in it is stored and returned verbatim: ${title}`, () =>
        storedVerbatim(ctx, title, `${ctx.runTag}-sqli`),
      );
    }
    await ctx.check("GET /bookmarks?tag=x' OR '1'='1 matches nothing (the quote is data, not SQL)", async () => {
      const res = await ctx.request({ method: 'GET', path: `/bookmarks?tag=${encodeURIComponent(`${w}' OR '1'='1`)}` });
      if (res.status === 400) return;
      expectStatus(res, 200, 'Use parameterised queries; never build SQL by joining strings.');
      const body = expectJsonObject(res);
      expectTrue(
        body.total === 0,
        `Expected "total" 0 for a tag nobody used, got ${JSON.stringify(body.total)}: the quote in the tag ended the string and OR '1'='1' matched every row, so the filter was injected into SQL.`,
        'Pass the tag as a query parameter (WHERE tag = $1 / ?), never by joining it into the SQL text.',
      );
    });
    await ctx.check('all the SQL titles are still listed (nothing was dropped)', async () => {
      const { total } = await listBookmarks(ctx, `tag=${encodeURIComponent(`${ctx.runTag}-sqli`)}`);
      expectTrue(total === sql.length, `Expected ${sql.length} bookmarks tagged ${ctx.runTag}-sqli, found ${total}.`);
    });
    const xss = [`<script>alert("${w}")</script>`, `<img src=x onerror="alert('${w}')">`];
    for (const title of xss) {
      await ctx.check(
        `an HTML/script title is returned verbatim as JSON (application/json), never as HTML: ${title}`,
        () => storedVerbatim(ctx, title, `${ctx.runTag}-xss`),
      );
    }
    await ctx.check(
      'responses carry security headers (nosniff, X-Frame-Options DENY, CSP, no X-Powered-By)',
      async () => {
        const ok = await ctx.request({ method: 'GET', path: '/bookmarks?limit=1' });
        expectStatus(ok, 200);
        expectSecurityHeaders(ok, 'GET /bookmarks');
        const missing = await ctx.request({ method: 'GET', path: `/no-such-route-${w}` });
        expectStatus(missing, 404, 'Unknown routes answer 404 with the usual error body.');
        expectErrorBody(missing);
        expectSecurityHeaders(missing, 'The 404 answer');
      },
    );
    const weird: [string, Parameters<StageContext['request']>[0]][] = [
      [
        'a body that is not JSON',
        {
          method: 'POST',
          path: '/bookmarks',
          headers: { 'Content-Type': 'application/json' },
          rawBody: `<xml>${w}</xml>`,
        },
      ],
      ['a JSON string instead of an object', { method: 'POST', path: '/bookmarks', json: w }],
      ['a 5,000-character id', { method: 'GET', path: `/bookmarks/${'9'.repeat(5000)}` }],
      ['an id with a quote in it', { method: 'GET', path: `/bookmarks/${encodeURIComponent(`1' OR '1'='1`)}` }],
    ];
    for (const [what, req] of weird) {
      await ctx.check(`${what} gets a 4xx error body without a stack trace`, async () => {
        const res = await ctx.request(req);
        expectTrue(
          res.status >= 400 && res.status < 500,
          `Expected a 4xx answer, got ${res.status}: ${snippet(res.body)}`,
          "Bad input is the client's fault (4xx); a 500 means your code crashed on it.",
        );
        expectErrorBody(res);
        const text = res.body.replace(/\\n/g, '\n').replace(/\\"/g, '"');
        const leak = STACK_TRACE.find((re) => re.test(text));
        expectTrue(
          !leak,
          `The error body contains a stack trace: ${snippet(res.body, 300)}`,
          'Log the details on the server; send the client only a short message.',
        );
      });
    }
    const creds = randomCredentials(ctx);
    await ctx.check(
      'sign-in is rate limited: the 6th failed attempt within a minute answers 429 with Retry-After',
      async () => {
        await signUp(ctx, creds.email, creds.password);
        for (let attempt = 1; attempt <= 6; attempt++) {
          const res = await ctx.request(
            { method: 'POST', path: '/auth/signin', json: { email: creds.email, password: `wrong-${attempt}-${w}` } },
            { auth: false },
          );
          if (attempt <= 5) {
            expectStatus(res, 401, `Attempt ${attempt} of 5 allowed failures should still be a plain 401.`);
            continue;
          }
          expectStatus(res, 429, 'Count failed sign-ins per email; after 5 within 60 s answer 429 Too Many Requests.');
          expectErrorBody(res);
          expectHeader(res, 'Retry-After', (v) => /^\d+$/.test(v) && Number(v) > 0, 'a whole number of seconds');
        }
      },
    );
    await ctx.check('while limited, even the right password answers 429', async () => {
      const res = await ctx.request({ method: 'POST', path: '/auth/signin', json: creds }, { auth: false });
      expectStatus(
        res,
        429,
        'Otherwise an attacker keeps guessing and just watches for the one answer that is not 429.',
      );
    });
  },
};
