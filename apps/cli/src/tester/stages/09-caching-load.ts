/**
 * Stage 9: conditional GET with ETag / If-None-Match, then a short load test with a p95 threshold
 * (after a warm-up, and measured a second time before a slow p95 fails the stage).
 */
import { expectHeader, expectStatus, expectTrue } from '../expect.ts';
import { createBookmark, idOf, randomBookmark } from './bookmarks.ts';
import { type MeasuredLoad, measureWithRetry, runLoad } from './load.ts';
import type { Stage } from './stage-types.ts';

/**
 * The load test's size and threshold. BACKPATH_LOAD_SECONDS and BACKPATH_LOAD_P95_MS override them for
 * the tester's own tests, which must not depend on the speed of the machine; the report records both.
 */
export const LOAD = {
  clients: 16,
  get seconds() {
    return Number(process.env.BACKPATH_LOAD_SECONDS ?? 3);
  },
  get thresholdMs() {
    return Number(process.env.BACKPATH_LOAD_P95_MS ?? 250);
  },
  /** Unmeasured traffic first, so a cold start (JIT, caches, first connections) does not count. */
  get warmupSeconds() {
    return Math.round(Math.min(1, this.seconds / 3) * 10) / 10;
  },
};

export const cachingLoadStage: Stage = {
  number: 9,
  id: 'bookmarks-caching-load',
  title: 'HTTP caching and a load test',
  async run(ctx) {
    let id = '';
    let etag = '';
    const tagged = await ctx.check('GET /bookmarks/{id} sends an ETag header', async () => {
      id = idOf(await createBookmark(ctx, randomBookmark(ctx, [`${ctx.runTag}-cache`])));
      const res = await ctx.request({ method: 'GET', path: `/bookmarks/${id}` });
      expectStatus(res, 200);
      etag = expectHeader(res, 'ETag', (v) => /^(W\/)?"[^"]+"$/.test(v), 'a quoted string such as "3f2a9c"');
    });
    await ctx.check(
      'the same GET with If-None-Match: <that ETag> answers 304 with no body',
      async () => {
        const res = await ctx.request({ method: 'GET', path: `/bookmarks/${id}`, headers: { 'If-None-Match': etag } });
        expectStatus(res, 304, 'When If-None-Match equals the current ETag, answer 304 Not Modified and send no body.');
        expectTrue(res.body === '', `A 304 answer has no body, got: ${res.body.slice(0, 80)}`);
      },
      { needs: tagged },
    );
    await ctx.check(
      'after a PATCH the old ETag no longer matches (200 and a new ETag)',
      async () => {
        expectStatus(
          await ctx.request({
            method: 'PATCH',
            path: `/bookmarks/${id}`,
            json: { title: `Changed ${ctx.random.word(6)}` },
          }),
          200,
        );
        const res = await ctx.request({ method: 'GET', path: `/bookmarks/${id}`, headers: { 'If-None-Match': etag } });
        expectStatus(
          res,
          200,
          'Derive the ETag from the content (e.g. a hash of the JSON) so it changes when the bookmark does.',
        );
        const next = expectHeader(res, 'ETag');
        expectTrue(next !== etag, `The ETag stayed ${etag} although the bookmark changed.`);
      },
      { needs: tagged },
    );
    const title = `${LOAD.clients} clients for ${LOAD.seconds} s: no errors and p95 under ${LOAD.thresholdMs} ms`;
    await ctx.check(title, async () => {
      if (!id) id = idOf(await createBookmark(ctx, randomBookmark(ctx, [`${ctx.runTag}-cache`])));
      const headers: Record<string, string> = ctx.account ? { Authorization: `Bearer ${ctx.account.token}` } : {};
      ctx.events.info?.(
        `load: ${LOAD.clients} clients, ${LOAD.warmupSeconds} s warm-up, then ${LOAD.seconds} s measured: GET /bookmarks/${id} and GET /bookmarks?limit=10`,
      );
      const attempts = await measureWithRetry(
        (seconds) =>
          runLoad({
            baseUrl: ctx.baseUrl,
            clients: LOAD.clients,
            seconds,
            thresholdMs: LOAD.thresholdMs,
            paths: [`/bookmarks/${id}`, `/bookmarks?tag=${encodeURIComponent(ctx.runTag)}&limit=10`],
            headers,
            onProgress: (p) => ctx.events.progress?.(p),
          }),
        {
          seconds: LOAD.seconds,
          warmupSeconds: LOAD.warmupSeconds,
          thresholdMs: LOAD.thresholdMs,
          info: (line) => ctx.events.info?.(line),
        },
      );
      const { firstError, ...load } = attempts.at(-1) as MeasuredLoad;
      ctx.load = load;
      ctx.events.info?.(
        `load: ${load.requests} requests (${load.requestsPerSecond}/s), ${load.errors} errors, p50 ${load.p50Ms} ms, p95 ${load.p95Ms} ms (threshold ${load.thresholdMs} ms), max ${load.maxMs} ms`,
      );
      expectTrue(
        load.errors === 0,
        `${load.errors} of ${load.requests} requests failed under load; the first: ${firstError}.`,
        'Each request works alone but some fail when many arrive at once: look for a too-small connection pool, a limit on concurrent requests, or state shared between requests.',
      );
      expectTrue(
        load.p95Ms <= LOAD.thresholdMs,
        attempts.length > 1
          ? `p95 latency was ${attempts.map((a) => `${a.p95Ms} ms`).join(', then ')} in two measurements in a row, both over the ${LOAD.thresholdMs} ms threshold (after a ${LOAD.warmupSeconds} s warm-up).`
          : `p95 latency was ${load.p95Ms} ms, over the ${LOAD.thresholdMs} ms threshold.`,
        'Look for slow work per request: re-reading a whole file, a missing index, or a blocking call.',
      );
    });
  },
};
