/** Stage 7: sign-up and sign-in with hashed passwords and bearer tokens; bookmarks need a token. */
import { expectErrorBody, expectHeader, expectStatus, expectTrue, snippet } from '../expect.ts';
import type { TestResponse } from '../http-client.ts';
import { newAccount, randomCredentials, signIn, signUp } from './accounts.ts';
import type { Stage } from './stage-types.ts';
import { derivedFrom } from './token-derivation.ts';

/** Fields that may differ between two otherwise identical error answers (the spec allows a request id). */
const REQUEST_ID = /^(request|trace|correlation)[-_]?id$/i;

function withoutRequestIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRequestIds);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !REQUEST_ID.test(k))
      .map(([k, v]) => [k, withoutRequestIds(v)]),
  );
}

const comparable = (res: TestResponse) =>
  `${res.status} ${res.json === undefined ? res.body : JSON.stringify(withoutRequestIds(res.json))}`;

export const authenticationStage: Stage = {
  number: 7,
  id: 'bookmarks-authentication',
  title: 'Sign-up, sign-in and bearer tokens',
  async run(ctx) {
    const { email, password } = randomCredentials(ctx);
    let token = '';
    const signedUp = await ctx.check(
      'POST /auth/signup creates a user (201) without echoing the password',
      async () => {
        await signUp(ctx, email, password);
      },
    );
    await ctx.check(
      'signing up the same email again answers 409',
      async () => {
        const res = await ctx.request(
          { method: 'POST', path: '/auth/signup', json: { email, password } },
          { auth: false },
        );
        expectStatus(res, 409, 'Emails are unique: answer 409 Conflict for a second sign-up.');
        expectErrorBody(res);
      },
      { needs: signedUp },
    );
    await ctx.check('a password shorter than 8 characters answers 400', async () => {
      const res = await ctx.request(
        { method: 'POST', path: '/auth/signup', json: { email: `short.${email}`, password: 'abc12' } },
        { auth: false },
      );
      expectStatus(res, 400);
      expectErrorBody(res);
    });
    const signedIn = await ctx.check(
      'POST /auth/signin answers 200 with a random token and Cache-Control: no-store',
      async () => {
        token = await signIn(ctx, email, password, true);
      },
      { needs: signedUp },
    );
    await ctx.check(
      'a second sign-in gives a new token, not one derived from the email or password',
      async () => {
        const again = await signIn(ctx, email, password);
        const recipe = derivedFrom(again, { email, password });
        expectTrue(
          recipe === undefined,
          `The token is ${recipe} (${again}). Anyone who knows the user's ${recipe?.includes('email') ? 'email' : 'password'} can compute it and sign in as them.`,
          `Make tokens with a cryptographically secure random generator (in ${ctx.language.label}: ${ctx.language.randomToken}) and store them (or their hash) to look them up.`,
        );
        expectTrue(
          again !== token,
          `Two sign-ins of the same user both got the token ${token}: it is computed from something fixed, not random, so it can be guessed and never changes.`,
          `Generate a new random token on every sign-in. In ${ctx.language.label}: ${ctx.language.randomToken}.`,
        );
        // A server may end the older session on a new sign-in; the newer token is the one to use.
        token = again;
      },
      { needs: signedIn },
    );
    await ctx.check(
      'a wrong password answers 401',
      async () => {
        const res = await ctx.request(
          { method: 'POST', path: '/auth/signin', json: { email, password: `${password}x` } },
          { auth: false },
        );
        expectStatus(res, 401);
        expectErrorBody(res);
      },
      { needs: signedUp },
    );
    await ctx.check(
      'an unknown email gets exactly the same 401 answer as a wrong password',
      async () => {
        const wrong = await ctx.request(
          { method: 'POST', path: '/auth/signin', json: { email, password: `${password}y` } },
          { auth: false },
        );
        const unknown = await ctx.request(
          { method: 'POST', path: '/auth/signin', json: { email: `nobody.${email}`, password } },
          { auth: false },
        );
        expectStatus(unknown, 401, 'Do not reveal which emails exist: unknown email and wrong password look the same.');
        expectErrorBody(unknown);
        expectTrue(
          comparable(wrong) === comparable(unknown),
          `A wrong password answered ${wrong.status} ${snippet(wrong.body)}, but an unknown email answered ${unknown.status} ${snippet(unknown.body)}. The difference tells an attacker which emails have an account.`,
          'Answer both with the same status and the same body, e.g. {"error":{"message":"Wrong email or password."}}.',
        );
      },
      { needs: signedUp },
    );
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
    await ctx.check(
      'GET /bookmarks with the token answers 200',
      async () => {
        const res = await ctx.request({ method: 'GET', path: '/bookmarks' }, { auth: token });
        expectStatus(res, 200);
        expectHeader(res, 'Content-Type', (v) => v.startsWith('application/json'), 'application/json');
      },
      { needs: signedIn },
    );
    if (!ctx.account) {
      await ctx.check('sign up the user the later stages use', async () => {
        ctx.account = await newAccount(ctx);
      });
    }
  },
};
