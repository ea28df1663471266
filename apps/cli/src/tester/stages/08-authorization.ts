/** Stage 8: one user cannot read, change or delete another user's bookmarks (IDOR probes). */
import type { Account } from '../context.ts';
import { expectErrorBody, expectJsonObject, expectStatus } from '../expect.ts';
import { newAccount } from './accounts.ts';
import { createBookmark, expectBookmark, idOf, listBookmarks, randomBookmark } from './bookmarks.ts';
import type { Stage } from './stage-types.ts';

const HINT =
  'Look bookmarks up by id AND owner (WHERE id = ? AND user_id = ?). Answer 404 (preferred: it hides that the id exists) or 403.';

export const authorizationStage: Stage = {
  number: 8,
  id: 'bookmarks-authorization',
  title: "Users cannot touch each other's bookmarks",
  async run(ctx) {
    const tag = `${ctx.runTag}-owned`;
    const input = randomBookmark(ctx, [tag]);
    let alice: Account | undefined;
    let mallory: Account | undefined;
    let id = '';
    const setUp = await ctx.check('two users sign up; the first creates a bookmark', async () => {
      alice = await newAccount(ctx);
      mallory = await newAccount(ctx);
      ctx.account ??= alice;
      const saved = ctx.account;
      ctx.account = alice;
      try {
        id = idOf(await createBookmark(ctx, input));
      } finally {
        ctx.account = saved;
      }
    });
    const probes = [
      { method: 'GET', json: undefined },
      { method: 'PATCH', json: { title: `pwned ${ctx.random.word(5)}` } },
      { method: 'DELETE', json: undefined },
    ];
    for (const probe of probes) {
      await ctx.check(
        `the second user's ${probe.method} /bookmarks/{first user's id} answers 404 or 403`,
        async () => {
          const res = await ctx.request(
            { method: probe.method, path: `/bookmarks/${id}`, json: probe.json },
            { auth: mallory!.token },
          );
          expectStatus(res, [404, 403], HINT);
          expectErrorBody(res);
        },
        { needs: setUp },
      );
    }
    await ctx.check(
      "the second user's list does not include the first user's bookmark",
      async () => {
        const saved = ctx.account;
        ctx.account = mallory;
        try {
          const { items, total } = await listBookmarks(ctx, `tag=${encodeURIComponent(tag)}`);
          if (total !== 0 || items.length !== 0)
            ctx.fail(`GET /bookmarks?tag=${tag} as another user returned ${total} bookmark(s). ${HINT}`);
        } finally {
          ctx.account = saved;
        }
      },
      { needs: setUp },
    );
    await ctx.check(
      "the first user's bookmark is unchanged",
      async () => {
        const res = await ctx.request({ method: 'GET', path: `/bookmarks/${id}` }, { auth: alice!.token });
        expectStatus(res, 200, 'The other user deleted it: check ownership before DELETE too.');
        expectBookmark(expectJsonObject(res), input);
      },
      { needs: setUp },
    );
  },
};
