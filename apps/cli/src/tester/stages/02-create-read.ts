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
    await ensureAccount(ctx);
    const input = randomBookmark(ctx, [ctx.runTag, ctx.random.word(5)]);
    let id = '';
    await ctx.check('POST /bookmarks creates a bookmark: 201, Location and the bookmark as JSON', async () => {
      id = idOf(await createBookmark(ctx, input));
    });
    await ctx.check('GET /bookmarks/{id} returns the same bookmark', async () => {
      const res = await ctx.request({ method: 'GET', path: `/bookmarks/${id}` });
      expectStatus(res, 200);
      expectBookmark(expectJsonObject(res), input);
    });
    await ctx.check('a second bookmark gets a different id', async () => {
      const other = await createBookmark(ctx, randomBookmark(ctx, []));
      if (idOf(other) === id) ctx.fail(`Both bookmarks got id ${id}. Each new bookmark needs its own id.`);
    });
  },
};
