/** Stage 4: PATCH updates the fields sent, DELETE removes, unknown ids are 404 with an error body. */

import { expectErrorBody, expectJsonObject, expectStatus, expectTrue } from '../expect.ts';
import { createBookmark, expectBookmark, idOf, randomBookmark } from './bookmarks.ts';
import type { Stage } from './stage-types.ts';

export const updateDeleteStage: Stage = {
  number: 4,
  id: 'bookmarks-update-delete',
  title: 'Update and delete; 404 for unknown ids',
  async run(ctx) {
    const input = randomBookmark(ctx);
    let id = '';
    const title = `Updated ${ctx.random.word(8)}`;
    const patched = await ctx.check('PATCH /bookmarks/{id} changes only the fields sent', async () => {
      id = idOf(await createBookmark(ctx, input));
      const res = await ctx.request({ method: 'PATCH', path: `/bookmarks/${id}`, json: { title } });
      expectStatus(res, 200, 'PATCH answers 200 with the whole updated bookmark.');
      expectBookmark(expectJsonObject(res), { ...input, title }, 'the updated bookmark');
    });
    await ctx.check(
      'GET after PATCH shows the new title',
      async () => {
        const res = await ctx.request({ method: 'GET', path: `/bookmarks/${id}` });
        expectStatus(res, 200);
        expectBookmark(expectJsonObject(res), { ...input, title });
      },
      { needs: patched },
    );
    const deleted = await ctx.check('DELETE /bookmarks/{id} answers 204 with an empty body', async () => {
      if (!id) id = idOf(await createBookmark(ctx, input));
      const res = await ctx.request({ method: 'DELETE', path: `/bookmarks/${id}` });
      expectStatus(res, 204);
      expectTrue(res.body === '', `A 204 answer has no body, got: ${res.body.slice(0, 100)}`);
    });
    await ctx.check(
      'GET a deleted bookmark answers 404 with an error body',
      async () => {
        const res = await ctx.request({ method: 'GET', path: `/bookmarks/${id}` });
        expectStatus(res, 404, 'After DELETE the bookmark must be gone.');
        expectErrorBody(res);
      },
      { needs: deleted },
    );
    const unknown = String(ctx.random.int(100_000_000, 999_999_999));
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      await ctx.check(`${method} /bookmarks/${unknown} (no such id) answers 404`, async () => {
        const json = method === 'PATCH' ? { title: 'x' } : undefined;
        const res = await ctx.request({ method, path: `/bookmarks/${unknown}`, json });
        expectStatus(res, 404, 'Answer 404 Not Found when no bookmark has this id, never 200 or 500.');
        expectErrorBody(res);
      });
    }
  },
};
