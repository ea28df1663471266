/** Stage 10: hostile input is stored and returned verbatim as JSON, sign-in is rate limited, headers harden responses. */
import type { StageContext } from '../context.ts';
import {
  expectErrorBody,
  expectHeader,
  expectJsonObject,
  expectStatus,
  expectTrue,
  type Json,
  snippet,
} from '../expect.ts';
import type { TestRequest, TestResponse } from '../http-client.ts';
import { newAccount, randomCredentials, signUp } from './accounts.ts';
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

/** Tag filters that break a query built by joining strings, or one that uses the tag as a LIKE pattern. */
const tagProbes = (w: string): [tag: string, why: string][] => [
  [
    `${w}' OR '1'='1`,
    "the quote in the tag ended the SQL string and OR '1'='1' matched every row, so the filter was injected into SQL",
  ],
  [`${w}' OR 1=1 --`, 'the quote ended the SQL string, OR 1=1 matched every row and -- cut off the rest of the query'],
  ["')", 'the quote and bracket were pasted into the SQL text'],
  ['%', '% is the LIKE wildcard for "anything": the tag was used as a LIKE pattern'],
  ['_', '_ is the LIKE wildcard for "any one character": the tag was used as a LIKE pattern'],
];

const PARAMETERISE =
  'Compare the tag with = and pass it as a query parameter (WHERE tag = $1 / ?); never join it into the SQL text. If you use LIKE, escape % and _ first.';

async function probeTagFilter(ctx: StageContext, tag: string, why: string, stranger: string[]): Promise<void> {
  const res = await ctx.request({ method: 'GET', path: `/bookmarks?tag=${encodeURIComponent(tag)}&limit=100` });
  expectTrue(
    res.status < 500,
    `GET /bookmarks?tag=${tag} answered ${res.status}: ${snippet(res.body)}. A tag nobody used must give an empty list (or 400), never a crash: ${why}.`,
    PARAMETERISE,
  );
  if (res.status === 400) {
    expectErrorBody(res);
    return;
  }
  expectStatus(res, 200, PARAMETERISE);
  const body = expectJsonObject(res);
  const ids = (Array.isArray(body.items) ? (body.items as Json[]) : []).map(idOf);
  const leaked = ids.filter((id) => stranger.includes(id));
  // Rows from other users of earlier runs are foreign too: a few are looked up as this user.
  for (const id of ids.filter((i) => !leaked.includes(i)).slice(0, 10)) {
    const own = await ctx.request({ method: 'GET', path: `/bookmarks/${encodeURIComponent(id)}` });
    if (own.status === 404 || own.status === 403) leaked.push(id);
  }
  expectTrue(
    leaked.length === 0,
    `GET /bookmarks?tag=${tag} returned bookmarks of ANOTHER user (ids ${leaked.join(', ')}): ${why}, and the owner check went with it.`,
    PARAMETERISE,
  );
  expectTrue(
    body.total === 0 && ids.length === 0,
    `Expected "total" 0 and no items for a tag nobody used, got "total" ${JSON.stringify(body.total)} and ${ids.length} item(s): ${why}.`,
    PARAMETERISE,
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
    const stranger: string[] = [];
    const sql = [`Robert'); DROP TABLE bookmarks;-- ${w}`, `${w}' OR '1'='1`, `"; DELETE FROM users; -- ${w}`];
    for (const title of sql) {
      await ctx.check(`a title with SQL in it is stored and returned verbatim: ${title}`, () =>
        storedVerbatim(ctx, title, `${ctx.runTag}-sqli`),
      );
    }
    const seeded = await ctx.check(
      "a second user's bookmarks and one of yours with a one-letter tag (for the filter probes)",
      async () => {
        const saved = ctx.account;
        try {
          ctx.account = await newAccount(ctx);
          for (const tag of [`${ctx.runTag}-other-${w}`, 'q']) {
            stranger.push(idOf(await createBookmark(ctx, randomBookmark(ctx, [tag, `secret-${w}`]))));
          }
        } finally {
          ctx.account = saved;
        }
        await createBookmark(ctx, randomBookmark(ctx, [`${ctx.runTag}-probe`, 'z']));
      },
    );
    for (const [tag, why] of tagProbes(w)) {
      await ctx.check(
        `GET /bookmarks?tag=${tag} matches nothing (or answers 400) and never shows another user's bookmarks`,
        () => probeTagFilter(ctx, tag, why, stranger),
        { needs: seeded },
      );
    }
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
    const headerProbes: [what: string, status: number, req: TestRequest, auth?: false][] = [
      ['a 200 answer (GET /bookmarks)', 200, { method: 'GET', path: '/bookmarks?limit=1' }],
      ['a 404 answer (an unknown route)', 404, { method: 'GET', path: `/no-such-route-${w}` }],
      ['a 401 answer (GET /bookmarks without a token)', 401, { method: 'GET', path: '/bookmarks' }, false],
      [
        'a 400 answer (malformed JSON)',
        400,
        { method: 'POST', path: '/bookmarks', headers: { 'Content-Type': 'application/json' }, rawBody: '{"url":' },
      ],
    ];
    for (const [what, status, req, auth] of headerProbes) {
      await ctx.check(
        `${what} carries the security headers (nosniff, X-Frame-Options DENY, CSP, no X-Powered-By)`,
        async () => {
          const res = await ctx.request(req, auth === false ? { auth } : {});
          expectStatus(
            res,
            status,
            status === 404 ? 'Unknown routes answer 404 with the usual error body.' : undefined,
          );
          if (status >= 400) expectErrorBody(res);
          expectSecurityHeaders(res, `The ${status} answer to ${req.method} ${req.path.split('?')[0]}`);
        },
      );
    }
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
    const limited = await ctx.check(
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
    await ctx.check(
      'while limited, even the right password answers 429',
      async () => {
        const res = await ctx.request({ method: 'POST', path: '/auth/signin', json: creds }, { auth: false });
        expectStatus(
          res,
          429,
          'Otherwise an attacker keeps guessing and just watches for the one answer that is not 429.',
        );
      },
      { needs: limited },
    );
  },
};
