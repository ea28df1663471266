/** Stage 3: list bookmarks oldest first, with limit/offset pagination and filtering by tag. */
import { expectEqual, expectTrue } from '../expect.ts';
import { createBookmark, idOf, listBookmarks, randomBookmark } from './bookmarks.ts';
import type { Stage } from './stage-types.ts';

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
    await ctx.check(`create ${count} bookmarks tagged "${tag}"`, async () => {
      for (let i = 0; i < count; i++) {
        const tags = i % 2 === 0 ? [tag, extra] : [tag];
        const id = idOf(await createBookmark(ctx, randomBookmark(ctx, tags)));
        ids.push(id);
        if (i % 2 === 0) withExtra.push(id);
      }
    });
    await ctx.check(`GET /bookmarks?tag=${tag} lists all ${count}, oldest first, with "total"`, async () => {
      const { items, total } = await listBookmarks(ctx, `tag=${encodeURIComponent(tag)}`);
      const strangers = items.map(idOf).filter((id) => !ids.includes(id));
      expectTrue(
        strangers.length === 0,
        `The list for ?tag=${tag} holds bookmarks created without that tag (ids ${strangers.slice(0, 5).join(', ')}): the tag filter was ignored.`,
        'Read the tag query parameter and return only bookmarks whose "tags" array contains it.',
      );
      expectEqual('"total"', total, count, '"total" counts the bookmarks matching the filter.');
      expectEqual('the ids in "items"', items.map(idOf), ids, 'Order the list by creation time, oldest first.');
    });
    const limit = ctx.random.int(2, 3);
    const offset = ctx.random.int(1, 2);
    await ctx.check(`limit=${limit}&offset=${offset} returns one page and the full "total"`, async () => {
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
    });
    await ctx.check('an offset past the end returns an empty page', async () => {
      const { items, total } = await listBookmarks(ctx, `tag=${encodeURIComponent(tag)}&offset=${count + 5}`);
      expectEqual('"items"', items, []);
      expectEqual('"total"', total, count);
    });
    await ctx.check(`?tag=${extra} returns only bookmarks carrying that tag`, async () => {
      const { items, total } = await listBookmarks(ctx, `tag=${encodeURIComponent(extra)}`);
      expectEqual('the ids', items.map(idOf), withExtra, 'A bookmark matches when its "tags" array contains the tag.');
      expectTrue(total === withExtra.length, `Expected "total" ${withExtra.length}, got ${total}.`);
    });
  },
};
