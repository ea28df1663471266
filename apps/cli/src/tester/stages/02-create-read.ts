/** Stage 2: create a bookmark (201 + Location) and read it back by id. */
import { expectJsonObject, expectStatus } from '../expect.ts';
import { ensureAccount } from './accounts.ts';
import { createBookmark, expectBookmark, idOf, randomBookmark } from './bookmarks.ts';
import type { Stage } from './stage-types.ts';

export const createReadStage: Stage = {
  number: 2,
  id: 'bookmarks-create-read',
  title: 'Create and read bookmarks',
  async run(ctx) {
    const account = await ensureAccount(ctx);
    const input = randomBookmark(ctx, [ctx.runTag, ctx.random.word(5)]);
    let id = '';
    const created = await ctx.check(
      'POST /bookmarks creates a bookmark: 201, Location and the bookmark as JSON',
      async () => {
        id = idOf(await createBookmark(ctx, input));
      },
      { needs: account },
    );
    await ctx.check(
      'GET /bookmarks/{id} returns the same bookmark',
      async () => {
        const res = await ctx.request({ method: 'GET', path: `/bookmarks/${id}` });
        expectStatus(res, 200);
        expectBookmark(expectJsonObject(res), input);
      },
      { needs: created },
    );
    await ctx.check(
      'a second bookmark gets a different id',
      async () => {
        const other = await createBookmark(ctx, randomBookmark(ctx, []));
        if (idOf(other) === id) ctx.fail(`Both bookmarks got id ${id}. Each new bookmark needs its own id.`);
      },
      { needs: created },
    );
    // Out of sorted order whatever the collation, with a repeat and two spellings differing only in case.
    const w = ctx.random.word(4);
    const tags = [`zz-${w}`, `Mid-${w}`, `mid-${w}`, `aa-${w}`, `zz-${w}`];
    await ctx.check(
      `tags come back exactly as sent (order, case and repeats kept): ${JSON.stringify(tags)}`,
      async () => {
        const bookmark = { ...randomBookmark(ctx), tags };
        const got = idOf(await createBookmark(ctx, bookmark));
        const res = await ctx.request({ method: 'GET', path: `/bookmarks/${got}` });
        expectStatus(res, 200);
        expectBookmark(expectJsonObject(res), bookmark, 'the bookmark read back');
      },
      { needs: account },
    );
  },
};
