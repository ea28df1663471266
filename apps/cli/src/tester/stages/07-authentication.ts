/** Stage 7: sign-up and sign-in with hashed passwords and bearer tokens; bookmarks need a token. */
import { expectErrorBody, expectHeader, expectStatus } from '../expect.ts';
import { newAccount, randomCredentials, signIn, signUp } from './accounts.ts';
import type { Stage } from './stage-types.ts';

export const authenticationStage: Stage = {
  number: 7,
  id: 'bookmarks-authentication',
  title: 'Sign-up, sign-in and bearer tokens',
  async run(ctx) {
    const { email, password } = randomCredentials(ctx);
    let token = '';
    await ctx.check('POST /auth/signup creates a user (201) without echoing the password', async () => {
      await signUp(ctx, email, password);
    });
    await ctx.check('signing up the same email again answers 409', async () => {
      const res = await ctx.request(
        { method: 'POST', path: '/auth/signup', json: { email, password } },
        { auth: false },
      );
      expectStatus(res, 409, 'Emails are unique: answer 409 Conflict for a second sign-up.');
      expectErrorBody(res);
    });
    await ctx.check('a password shorter than 8 characters answers 400', async () => {
      const res = await ctx.request(
        { method: 'POST', path: '/auth/signup', json: { email: `short.${email}`, password: 'abc12' } },
        { auth: false },
      );
      expectStatus(res, 400);
      expectErrorBody(res);
    });
    await ctx.check('POST /auth/signin answers 200 with a random token and Cache-Control: no-store', async () => {
      token = await signIn(ctx, email, password, true);
    });
    await ctx.check('a wrong password answers 401', async () => {
      const res = await ctx.request(
        { method: 'POST', path: '/auth/signin', json: { email, password: `${password}x` } },
        { auth: false },
      );
      expectStatus(res, 401);
      expectErrorBody(res);
    });
    await ctx.check('an unknown email answers 401 (same as a wrong password)', async () => {
      const res = await ctx.request(
        { method: 'POST', path: '/auth/signin', json: { email: `nobody.${email}`, password } },
        { auth: false },
      );
      expectStatus(res, 401, 'Do not reveal which emails exist: unknown email and wrong password look the same.');
      expectErrorBody(res);
    });
    const rejected: [string, string | false][] = [
      ['no Authorization header', false],
      ['a made-up token', `${ctx.random.word(20)}`],
      ['the password itself as the token', password],
    ];
    for (const [what, auth] of rejected) {
      await ctx.check(`GET /bookmarks with ${what} answers 401`, async () => {
        const res = await ctx.request({ method: 'GET', path: '/bookmarks' }, { auth });
        expectStatus(
          res,
          401,
          'Every /bookmarks route needs "Authorization: Bearer <token>" with a token from /auth/signin.',
        );
        expectErrorBody(res);
      });
    }
    await ctx.check('POST /bookmarks without a token answers 401', async () => {
      const res = await ctx.request(
        { method: 'POST', path: '/bookmarks', json: { url: 'https://example.com', title: 'x' } },
        { auth: false },
      );
      expectStatus(res, 401);
      expectErrorBody(res);
    });
    await ctx.check('GET /bookmarks with the token answers 200', async () => {
      const res = await ctx.request({ method: 'GET', path: '/bookmarks' }, { auth: token });
      expectStatus(res, 200);
      expectHeader(res, 'Content-Type', (v) => v.startsWith('application/json'), 'application/json');
    });
    if (!ctx.account) {
      await ctx.check('sign up the user the later stages use', async () => {
        ctx.account = await newAccount(ctx);
      });
    }
  },
};
