/**
 * CSRF protection by strict origin checks (OWASP's "verifying origin with standard headers"): a
 * state-changing request from a browser must come from our own origin (or a configured CORS
 * origin). Bearer-token requests are exempt (browsers never attach them on their own). A
 * cookie-authenticated request that carries neither Origin nor Sec-Fetch-Site is refused too.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerCsrf(app: FastifyInstance, config: Pick<Config, 'publicUrl' | 'corsOrigins'>): void {
  const allowed = new Set([new URL(config.publicUrl).origin, ...config.corsOrigins.map((o) => new URL(o).origin)]);
  app.addHook('onRequest', async (req) => {
    if (SAFE_METHODS.has(req.method) || req.user?.via === 'token') return;
    checkOrigin(req, allowed);
  });
}

function checkOrigin(req: FastifyRequest, allowed: Set<string>): void {
  const origin = header(req, 'origin');
  const site = header(req, 'sec-fetch-site');
  if (origin !== undefined && origin !== 'null') {
    if (allowed.has(origin)) return;
    throw refuse();
  }
  if (site !== undefined) {
    if (site === 'same-origin' || site === 'none') return;
    throw refuse();
  }
  // A browser always sends one of the two on a POST; without either, only non-browser clients
  // remain, and those must use a token rather than a cookie. Anonymous calls (sign-in by a
  // script, the CLI's device flow) have no cookie to abuse and pass.
  if (origin === 'null' || req.user?.via === 'session') throw refuse();
}

const header = (req: FastifyRequest, name: string) => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
};

const refuse = () =>
  new AppError('forbidden', 'Cross-site request refused: the request did not come from this site.', {
    reason: 'csrf',
  });
