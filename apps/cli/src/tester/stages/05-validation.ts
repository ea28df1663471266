/** Stage 5: malformed input gets 400 with an error body, and nothing is stored. */
import type { StageContext } from '../context.ts';
import { expectErrorBody, expectStatus } from '../expect.ts';
import type { TestRequest } from '../http-client.ts';
import { createBookmark, idOf, listBookmarks, randomBookmark } from './bookmarks.ts';
import type { Stage } from './stage-types.ts';

function invalidRequests(ctx: StageContext, tag: string, id: string): [string, TestRequest][] {
  const good = randomBookmark(ctx, [tag]);
  const post = (json: unknown): TestRequest => ({ method: 'POST', path: '/bookmarks', json });
  return [
    [
      'malformed JSON',
      {
        method: 'POST',
        path: '/bookmarks',
        headers: { 'Content-Type': 'application/json' },
        rawBody: `{"url": "${good.url}", "title": `,
      },
    ],
    ['a JSON array instead of an object', post([good])],
    ['no "url"', post({ title: good.title, tags: [tag] })],
    ['a "url" that is not http(s)', post({ ...good, url: `ftp://files.example.com/${ctx.random.word(5)}` })],
    ['a "url" that is not a URL at all', post({ ...good, url: `not a url ${ctx.random.word(4)}` })],
    ['an empty "title"', post({ ...good, title: '' })],
    ['a "title" over 200 characters', post({ ...good, title: 'x'.repeat(201) })],
    ['"tags" that is not an array of strings', post({ ...good, tags: tag })],
    ['a number in "tags"', post({ ...good, tags: [tag, 42] })],
    [
      'PATCH with a "url" that is not http(s)',
      { method: 'PATCH', path: `/bookmarks/${id}`, json: { url: 'javascript:alert(1)' } },
    ],
    ['PATCH with a non-string "title"', { method: 'PATCH', path: `/bookmarks/${id}`, json: { title: 123 } }],
    ['?limit=0', { method: 'GET', path: '/bookmarks?limit=0' }],
    ['?limit=101 (the maximum is 100)', { method: 'GET', path: '/bookmarks?limit=101' }],
    ['?limit=abc', { method: 'GET', path: '/bookmarks?limit=abc' }],
    ['?offset=-1', { method: 'GET', path: '/bookmarks?offset=-1' }],
  ];
}

export const validationStage: Stage = {
  number: 5,
  id: 'bookmarks-validation',
  title: 'Validation with clear 400 errors',
  async run(ctx) {
    const tag = `${ctx.runTag}-invalid`;
    let id = '';
    const created = await ctx.check('create a bookmark to PATCH', async () => {
      id = idOf(await createBookmark(ctx, randomBookmark(ctx, [`${ctx.runTag}-valid`])));
    });
    for (const [what, req] of invalidRequests(ctx, tag, id)) {
      await ctx.check(
        `${what.startsWith(req.method) ? what : `${req.method} with ${what}`} answers 400 with {"error":{"message"}}`,
        async () => {
          const res = await ctx.request(req);
          expectStatus(
            res,
            400,
            'Check the input before using it and answer 400 Bad Request with a message saying which field is wrong.',
          );
          expectErrorBody(res);
        },
        { needs: req.method === 'PATCH' ? created : [] },
      );
    }
    await ctx.check('none of the invalid bookmarks was stored', async () => {
      const { total } = await listBookmarks(ctx, `tag=${encodeURIComponent(tag)}`);
      if (total !== 0) ctx.fail(`Expected 0 bookmarks tagged "${tag}", found ${total}: invalid input was saved.`);
    });
  },
};
