/** Stage 3: list bookmarks oldest first, with limit/offset pagination and filtering by tag. */
import { expectEqual, expectJsonObject, expectStatus, expectTrue, type Json } from '../expect.ts';
import { createBookmark, idOf, listBookmarks, randomBookmark } from './bookmarks.ts';
import type { Stage } from './stage-types.ts';

/** The page size the contract gives a list without `limit`. */
const DEFAULT_LIMIT = 20;

export const listStage: Stage = {
  number: 3,
  id: 'bookmarks-list',
  title: 'List with pagination and filtering',
  async run(ctx) {
    const tag = `${ctx.runTag}-list`;
    const extra = `${tag}-${ctx.random.word(4)}`;
    const count = ctx.random.int(5, 8);
    const ids: string[] = [];
    const withExtra: string[] = [];
    const created = await ctx.check(`create ${count} bookmarks tagged "${tag}"`, async () => {
      for (let i = 0; i < count; i++) {
        const tags = i % 2 === 0 ? [tag, extra] : [tag];
        const id = idOf(await createBookmark(ctx, randomBookmark(ctx, tags)));
        ids.push(id);
        if (i % 2 === 0) withExtra.push(id);
      }
    });
    await ctx.check(
      `GET /bookmarks?tag=${tag} lists all ${count}, oldest first, with "total"`,
      async () => {
        const { items, total } = await listBookmarks(ctx, `tag=${encodeURIComponent(tag)}`);
        const strangers = items.map(idOf).filter((id) => !ids.includes(id));
        expectTrue(
          strangers.length === 0,
          `The list for ?tag=${tag} holds bookmarks created without that tag (ids ${strangers.slice(0, 5).join(', ')}): the tag filter was ignored.`,
          'Read the tag query parameter and return only bookmarks whose "tags" array contains it.',
        );
        expectEqual('"total"', total, count, '"total" counts the bookmarks matching the filter.');
        expectEqual('the ids in "items"', items.map(idOf), ids, 'Order the list by creation time, oldest first.');
      },
      { needs: created },
    );
    const limit = ctx.random.int(2, 3);
    const offset = ctx.random.int(1, 2);
    await ctx.check(
      `limit=${limit}&offset=${offset} returns one page and the full "total"`,
      async () => {
        const { items, total } = await listBookmarks(
          ctx,
          `tag=${encodeURIComponent(tag)}&limit=${limit}&offset=${offset}`,
        );
        expectTrue(
          items.length <= limit,
          `limit=${limit}&offset=${offset} returned ${items.length} items (${items.map(idOf).join(', ')}): limit and offset were ignored.`,
          'Skip the first `offset` matches and return at most `limit` of the rest (defaults: limit 20, offset 0).',
        );
        expectEqual('"total"', total, count, '"total" counts every match, not just this page.');
        expectEqual(
          'the ids on this page',
          items.map(idOf),
          ids.slice(offset, offset + limit),
          `Skip the first ${offset} matches (offset), then return ${limit} (limit).`,
        );
      },
      { needs: created },
    );
    await ctx.check(
      'an offset past the end returns an empty page',
      async () => {
        const { items, total } = await listBookmarks(ctx, `tag=${encodeURIComponent(tag)}&offset=${count + 5}`);
        expectEqual('"items"', items, []);
        expectEqual('"total"', total, count);
      },
      { needs: created },
    );
    await ctx.check(
      `?tag=${extra} returns only bookmarks carrying that tag`,
      async () => {
        const { items, total } = await listBookmarks(ctx, `tag=${encodeURIComponent(extra)}`);
        expectEqual(
          'the ids',
          items.map(idOf),
          withExtra,
          'A bookmark matches when its "tags" array contains the tag.',
        );
        expectTrue(total === withExtra.length, `Expected "total" ${withExtra.length}, got ${total}.`);
      },
      { needs: created },
    );
    const many = ctx.random.int(DEFAULT_LIMIT + 1, DEFAULT_LIMIT + 4);
    const pageTag = `${tag}-page`;
    await ctx.check(
      `without "limit", a page holds exactly ${DEFAULT_LIMIT} of ${many} matches (the default)`,
      async () => {
        const pageIds: string[] = [];
        for (let i = 0; i < many; i++) pageIds.push(idOf(await createBookmark(ctx, randomBookmark(ctx, [pageTag]))));
        const res = await ctx.request({ method: 'GET', path: `/bookmarks?tag=${encodeURIComponent(pageTag)}` });
        expectStatus(res, 200);
        const body = expectJsonObject(res);
        const items = Array.isArray(body.items) ? (body.items as Json[]) : [];
        const hint = `When the request has no "limit", use ${DEFAULT_LIMIT} (and report "limit": ${DEFAULT_LIMIT} in the answer).`;
        expectTrue(
          items.length === DEFAULT_LIMIT,
          `GET /bookmarks?tag=${pageTag} (no limit) returned ${items.length} items of ${many} matches; the default page size is ${DEFAULT_LIMIT}.`,
          hint,
        );
        expectEqual('the ids on the first page', items.map(idOf), pageIds.slice(0, DEFAULT_LIMIT), 'Oldest first.');
        if (body.limit !== undefined) expectEqual('"limit" in the answer', body.limit, DEFAULT_LIMIT, hint);
        expectEqual('"total"', body.total, many, '"total" counts every match, not just this page.');
      },
    );
  },
};
