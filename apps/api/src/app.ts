/**
 * Builds the Fastify application (never listens, so tests drive it with `app.inject()`): hardened
 * parsing and validation, one error shape, security headers, OpenAPI, and the feature modules.
 */
import { createServer, type Server } from 'node:http';
import { setTimeout } from 'node:timers/promises';
import type { Curriculum } from '@backpath/curriculum';
import Fastify, { type FastifyHttpOptions, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { Type } from 'typebox';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { adminRoutes } from './modules/admin/admin.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import type { AuthDeps } from './modules/auth/auth-deps.ts';
import { deviceRoutes } from './modules/auth/device.routes.ts';
import { emailRoutes } from './modules/auth/email.routes.ts';
import { githubRoutes } from './modules/auth/github.routes.ts';
import { twoFactorRoutes } from './modules/auth/two-factor.routes.ts';
import { downloadsRoutes } from './modules/downloads/downloads.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { mailRoutes } from './modules/mail/mail.routes.ts';
import { Mailer } from './modules/mail/mailer.ts';
import { meRoutes } from './modules/me/me.routes.ts';
import { registerLearning } from './modules/progress/register-learning.ts';
import { roadmapRoutes } from './modules/roadmap/roadmap.routes.ts';
import { RoadmapService } from './modules/roadmap/roadmap.service.ts';
import type { GraderLike } from './modules/submissions/grader.ts';
import { tokensRoutes } from './modules/tokens/tokens.routes.ts';
import { requireAccessDeclarations } from './plugins/access.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerCsrf } from './plugins/csrf.ts';
import { registerErrorHandler } from './plugins/error-handler.ts';
import { registerJsonBody } from './plugins/json-body.ts';
import { logOptions } from './plugins/log-options.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { createRateLimiter, registerRateLimit } from './plugins/rate-limit.ts';
import { genReqId, registerRequestId } from './plugins/request-id.ts';
import { registerSecurity } from './plugins/security.ts';
import { registerValidation } from './plugins/validation.ts';
import { isSpaPath, registerWeb } from './plugins/web.ts';

const MAIL_DRAIN_MS = 10_000;

/** Logger options as opposed to `false` or a ready-made logger instance. */
const isPlainOptions = (l: unknown): l is Record<string, unknown> =>
  typeof l === 'object' && l !== null && typeof (l as { info?: unknown }).info !== 'function';

export interface AppDeps {
  config: Config;
  db: Database;
  curriculum: Curriculum;
  /** The grading engines (`createGraders()`), created once by the server; absent, submissions answer 503. */
  graders?: GraderLike;
  /** Pino options, a logger instance, or false (tests). */
  logger?: FastifyServerOptions['logger'];
  /** Socket timeouts; tests shorten them to observe the behaviour quickly. */
  serverTimeouts?: typeof SERVER_TIMEOUTS;
}

/** Socket limits: slow-header and slow-body clients are cut off within ~15 s, so close() cannot hang. */
export const SERVER_TIMEOUTS = {
  headersTimeout: 10_000,
  requestTimeout: 15_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 1_000,
};

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }),
  },
  { $id: 'ErrorResponse' },
);

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db, curriculum } = deps;
  const options: FastifyHttpOptions<Server> = {
    // A plain options object (tests pass a level and a stream) keeps our redaction and serializers.
    logger:
      deps.logger === undefined || isPlainOptions(deps.logger)
        ? logOptions(config.logLevel, deps.logger as Record<string, unknown> | undefined)
        : deps.logger,
    genReqId,
    bodyLimit: config.bodyLimitBytes,
    // Fastify accepts a hop count too (proxy-addr semantics), though its type omits it.
    trustProxy: config.trustProxy as FastifyServerOptions['trustProxy'],
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    serverFactory: (handler) => createServer(deps.serverTimeouts ?? SERVER_TIMEOUTS, handler),
  };
  const app = Fastify(options) as unknown as FastifyInstance;

  requireAccessDeclarations(app);
  // Accounts: identify the caller and enforce `config.access`, then CSRF, then per-IP limits.
  const limiter = createRateLimiter(config.redisUrl, config.redisKeyPrefix, app.log);
  await registerAuth(app, { db, config });
  registerCsrf(app, config);
  registerRateLimit(app, limiter);
  registerJsonBody(app);
  registerValidation(app);
  registerErrorHandler(app);
  registerRequestId(app);
  app.addSchema(ErrorResponse);
  await registerSecurity(app, config);
  await registerOpenApi(app, config.publicUrl);

  await app.register(healthRoutes, { db, redisUrl: config.redisUrl });
  await app.register(downloadsRoutes, { cliBundleFile: config.cliBundleFile });
  await app.register(roadmapRoutes, { roadmap: new RoadmapService(curriculum) });
  await registerLearning(app, { config, db, curriculum, ...(deps.graders ? { graders: deps.graders } : {}) });
  const mailer = new Mailer({ db, from: config.mailFrom, smtpUrl: config.smtpUrl, log: app.log });
  // Mail already accepted gets a few seconds to reach the SMTP server before the database closes;
  // anything still unsent stays in the outbox (sent_at empty) rather than holding up shutdown.
  app.addHook('onClose', () => Promise.race([mailer.idle(), setTimeout(MAIL_DRAIN_MS, undefined, { ref: false })]));
  const authDeps: AuthDeps = { db, config, mailer, limiter, contentVersion: curriculum.version };
  for (const routes of [
    authRoutes,
    emailRoutes,
    twoFactorRoutes,
    deviceRoutes,
    githubRoutes,
    meRoutes,
    tokensRoutes,
    adminRoutes,
    mailRoutes,
  ]) {
    await app.register(routes, authDeps);
  }

  const webServed = await registerWeb(app, config.webDistDir);
  if (webServed) {
    app.addHook('onRequest', async (req, reply) => {
      // Let the SPA's client-side routes (e.g. /topics/x) load index.html on a direct visit.
      if (isSpaPath(req.method, req.url) && req.url !== '/' && !req.routeOptions.url) {
        return reply.sendFile('index.html');
      }
    });
  }
  return app;
}
