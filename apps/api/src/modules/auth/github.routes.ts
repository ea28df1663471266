/**
 * Optional sign-in with GitHub (OAuth 2.0 authorization code with PKCE S256 and a state bound to
 * the browser by a cookie), active when GITHUB_CLIENT_ID/SECRET are set; 404 otherwise. A GitHub
 * identity never silently takes over an existing local account with the same email.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../errors.ts';
import { LIMITS } from '../../plugins/rate-limit.ts';
import { audit } from '../admin/audit-log.ts';
import type { AuthDeps } from './auth-deps.ts';
import { randomToken, safeEqual } from './secrets.ts';
import { createSession, setSessionCookie } from './sessions.ts';
import { consumeToken, issueToken } from './single-use-tokens.ts';
import { findUserByEmail, findUserById, insertUser, type UserRow } from './users.repository.ts';

const tags = ['auth'];
const STATE_COOKIE = 'backpath_oauth_state';
const CallbackQuery = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 512 }),
  state: Type.String({ minLength: 10, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' }),
});

export async function githubRoutes(app: FastifyInstance, deps: AuthDeps): Promise<void> {
  const { db, config } = deps;
  const redirectUri = `${config.publicUrl}/api/auth/github/callback`;
  const github = () => {
    if (!config.github) throw new AppError('not_found', 'Sign-in with GitHub is not configured on this server.');
    return config.github;
  };

  app.get(
    '/api/auth/github/start',
    {
      config: { access: 'public', rateLimit: LIMITS.signInIp },
      schema: { tags, summary: 'Redirect to GitHub to sign in (PKCE + state)', response: { 302: {}, 404: {} } },
    },
    async (_req, reply) => {
      const gh = github();
      const verifier = randomToken(32);
      const state = await issueToken(db, 'oauth_state', null, { verifier });
      reply.setCookie(STATE_COOKIE, state, {
        path: '/api/auth/github',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.publicUrl.startsWith('https://'),
        maxAge: 600,
      });
      const url = new URL(`${gh.oauthUrl}/login/oauth/authorize`);
      url.search = new URLSearchParams({
        client_id: gh.clientId,
        redirect_uri: redirectUri,
        scope: 'read:user user:email',
        state,
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
      }).toString();
      return reply.redirect(url.toString(), 302);
    },
  );

  app.get<{ Querystring: { code: string; state: string } }>(
    '/api/auth/github/callback',
    {
      config: { access: 'public', rateLimit: LIMITS.signInIp },
      schema: {
        tags,
        summary:
          'GitHub redirects here; signs in (or creates) the account and redirects to the app, or to the two-factor step when the account has it on',
        querystring: CallbackQuery,
        response: { 302: {}, 400: {}, 404: {}, 409: {} },
      },
    },
    async (req, reply) => {
      const gh = github();
      const bound = req.cookies[STATE_COOKIE];
      reply.clearCookie(STATE_COOKIE, { path: '/api/auth/github' });
      if (!bound || !safeEqual(bound, req.query.state)) {
        throw new AppError('bad_request', 'The sign-in with GitHub did not start in this browser; try again.');
      }
      const pending = await consumeToken(db, 'oauth_state', req.query.state);
      if (!pending) throw new AppError('bad_request', 'The sign-in with GitHub expired; try again.');
      const identity = await fetchIdentity(gh, req.query.code, String(pending.data.verifier), redirectUri);
      const user = await findOrCreate(deps, identity);
      if (user.totpEnabledAt) {
        // GitHub proves who holds the GitHub account, not the second factor: the same challenge as
        // after a password. The fragment never reaches a server log or a Referer header.
        const challenge = await issueToken(db, 'two_factor', user.id);
        return reply.redirect(`/sign-in#two-factor=${challenge}`, 302);
      }
      const session = await createSession(db, config, user.id, req);
      setSessionCookie(reply, config, session.token);
      await audit(db, { event: 'sign_in.success', userId: user.id, ip: req.ip, details: { via: 'github' } });
      return reply.redirect('/', 302);
    },
  );
}

interface Identity {
  githubId: string;
  name: string;
  email: string;
}

async function fetchIdentity(
  gh: NonNullable<AuthDeps['config']['github']>,
  code: string,
  verifier: string,
  redirectUri: string,
): Promise<Identity> {
  const failed = () => new AppError('bad_request', 'GitHub did not confirm the sign-in; try again.');
  const json = async (res: Response) => {
    if (!res.ok) throw failed();
    return res.json() as Promise<unknown>;
  };
  const tokenRes = (await json(
    await fetch(`${gh.oauthUrl}/login/oauth/access_token`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: gh.clientId,
        client_secret: gh.clientSecret,
        code,
        redirect_uri: redirectUri,
        code_verifier: verifier,
      }),
      signal: AbortSignal.timeout(10_000),
    }),
  )) as { access_token?: string };
  if (!tokenRes.access_token) throw failed();
  const headers = { accept: 'application/vnd.github+json', authorization: `Bearer ${tokenRes.access_token}` };
  const profile = (await json(await fetch(`${gh.apiUrl}/user`, { headers, signal: AbortSignal.timeout(10_000) }))) as {
    id?: number;
    login?: string;
    name?: string | null;
  };
  const emails = (await json(
    await fetch(`${gh.apiUrl}/user/emails`, { headers, signal: AbortSignal.timeout(10_000) }),
  )) as { email: string; primary: boolean; verified: boolean }[];
  const primary = Array.isArray(emails) ? emails.find((e) => e.primary && e.verified) : undefined;
  if (!profile.id || !primary) {
    throw new AppError('bad_request', 'Your GitHub account needs a verified primary email address.');
  }
  const name = (profile.name || profile.login || 'GitHub user').slice(0, 100);
  return { githubId: String(profile.id), name, email: primary.email.slice(0, 254) };
}

async function findOrCreate(deps: AuthDeps, id: Identity): Promise<UserRow> {
  const { db } = deps;
  const [linked] = await db.query<{ user_id: string }>(
    `SELECT user_id FROM oauth_accounts WHERE provider = 'github' AND provider_user_id = $1`,
    [id.githubId],
  );
  if (linked) {
    const user = await findUserById(db, linked.user_id);
    if (user) return user;
  }
  if (await findUserByEmail(db, id.email)) {
    throw new AppError(
      'conflict',
      'An account with this email already exists; sign in with your password. Linking GitHub to it is not available yet.',
    );
  }
  return db.transaction(async (tx) => {
    const user = await insertUser(tx, { email: id.email, name: id.name, passwordHash: null, emailVerified: true });
    await tx.query(`INSERT INTO oauth_accounts (provider, provider_user_id, user_id) VALUES ('github', $1, $2)`, [
      id.githubId,
      user.id,
    ]);
    await audit(tx, { event: 'sign_up', userId: user.id, details: { via: 'github' } });
    return user;
  });
}
