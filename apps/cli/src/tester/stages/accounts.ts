/** Sign-up and sign-in helpers (stage 7's contract), also used to run earlier stages as a signed-in user. */
import type { Account, CheckOutcome, StageContext } from '../context.ts';
import { expectHeader, expectJsonObject, expectStatus, expectTrue } from '../expect.ts';

export function randomCredentials(ctx: StageContext): { email: string; password: string } {
  const r = ctx.random;
  return {
    email: `${r.word(6)}.${r.word(4)}@example.test`,
    password: `${r.word(5)}-${r.int(1000, 9999)}-${r.word(5)}`,
  };
}

export async function signUp(ctx: StageContext, email: string, password: string): Promise<void> {
  const res = await ctx.request({ method: 'POST', path: '/auth/signup', json: { email, password } }, { auth: false });
  expectStatus(res, 201, 'POST /auth/signup answers 201 Created with {"id","email"}.');
  const body = expectJsonObject(res);
  expectTrue(
    body.email === email,
    `Expected the sign-up answer's "email" to be "${email}", got ${JSON.stringify(body.email)}.`,
  );
  expectTrue(
    !res.body.includes(password),
    'The sign-up answer contains the password. Never send a password (or its hash) back to the client.',
  );
}

export async function signIn(ctx: StageContext, email: string, password: string, strict = false): Promise<string> {
  const res = await ctx.request({ method: 'POST', path: '/auth/signin', json: { email, password } }, { auth: false });
  expectStatus(res, 200, 'POST /auth/signin answers 200 with {"token": "..."} for the right email and password.');
  const body = expectJsonObject(res);
  expectTrue(
    typeof body.token === 'string' && body.token.length >= 16,
    `Expected "token" to be a string of at least 16 characters, got ${JSON.stringify(body.token)}.`,
    'Generate tokens with a cryptographically secure random generator (32 bytes, hex or base64url).',
  );
  const token = body.token as string;
  if (strict) {
    expectHeader(res, 'Cache-Control', (v) => /no-store/i.test(v), 'no-store (so no cache keeps a copy of the token)');
  }
  expectTrue(
    !token.includes(password),
    'The token contains the password. A token must be random, not derived from it.',
  );
  return token;
}

export async function newAccount(ctx: StageContext): Promise<Account> {
  const { email, password } = randomCredentials(ctx);
  await signUp(ctx, email, password);
  return { email, password, token: await signIn(ctx, email, password) };
}

/** From stage 7 on, earlier stages run as a fresh user, so the tester signs one up first. */
export async function ensureAccount(ctx: StageContext): Promise<CheckOutcome[]> {
  if (!ctx.authMode || ctx.account) return [];
  return [
    await ctx.check('sign up and sign in a user for this run (stage 7+ means bookmarks need a token)', async () => {
      ctx.account = await newAccount(ctx);
    }),
  ];
}
