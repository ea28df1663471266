/** Stage 6: data survives a restart of the learner's server (the tester stops and starts it). */

import { CheckFailure, type StageContext } from '../context.ts';
import { expectJsonObject, expectStatus } from '../expect.ts';
import { signIn } from './accounts.ts';
import { type BookmarkInput, createBookmark, expectBookmark, idOf, randomBookmark } from './bookmarks.ts';
import type { Stage } from './stage-types.ts';

export const persistenceStage: Stage = {
  number: 6,
  id: 'bookmarks-persistence',
  title: 'Data survives a restart',
  async run(ctx: StageContext) {
    const kept = randomBookmark(ctx);
    const changed = randomBookmark(ctx);
    const newTitle = `Renamed ${ctx.random.word(6)}`;
    const ids: Record<'kept' | 'changed' | 'deleted', string> = { kept: '', changed: '', deleted: '' };
    const prepared = await ctx.check('create two bookmarks, rename one, create and delete a third', async () => {
      ids.kept = idOf(await createBookmark(ctx, kept));
      ids.changed = idOf(await createBookmark(ctx, changed));
      const res = await ctx.request({ method: 'PATCH', path: `/bookmarks/${ids.changed}`, json: { title: newTitle } });
      expectStatus(res, 200);
      ids.deleted = idOf(await createBookmark(ctx, randomBookmark(ctx)));
      expectStatus(await ctx.request({ method: 'DELETE', path: `/bookmarks/${ids.deleted}` }), 204);
    });
    const restarted = await ctx.check('restart the server (SIGTERM, then start it again)', async () => {
      if (!ctx.server) {
        ctx.fail(
          'This stage restarts your server, so the tester must start it: run without --url (it reads backpath.yml).',
        );
      }
      await ctx.server.restart();
      const account = ctx.account;
      if (!account) return;
      try {
        account.token = await signIn(ctx, account.email, account.password);
      } catch (err) {
        if (!(err instanceof CheckFailure)) throw err;
        ctx.fail(
          `After the restart, the user signed up before it could not sign in: store users in the database too.\n  ${err.message}`,
        );
      }
    });
    const after: [string, string, BookmarkInput][] = [
      ['the first bookmark is still there', ids.kept, kept],
      ['the renamed bookmark kept its new title', ids.changed, { ...changed, title: newTitle }],
    ];
    for (const [name, id, input] of after) {
      await ctx.check(
        `after the restart, ${name}`,
        async () => {
          const res = await ctx.request({ method: 'GET', path: `/bookmarks/${id}` });
          expectStatus(res, 200, 'Store bookmarks in a database or file, not only in memory, so a restart keeps them.');
          expectBookmark(expectJsonObject(res), input);
        },
        { needs: [prepared, restarted] },
      );
    }
    await ctx.check(
      'after the restart, the deleted bookmark is still gone',
      async () => {
        expectStatus(
          await ctx.request({ method: 'GET', path: `/bookmarks/${ids.deleted}` }),
          404,
          'Deletes must be saved too.',
        );
      },
      { needs: [prepared, restarted] },
    );
    await ctx.check(
      'after the restart, a new bookmark gets a new id',
      async () => {
        const id = idOf(await createBookmark(ctx, randomBookmark(ctx)));
        if (Object.values(ids).includes(id))
          ctx.fail(`The new bookmark got id ${id}, which was already used before the restart.`);
      },
      { needs: [prepared, restarted] },
    );
  },
};
