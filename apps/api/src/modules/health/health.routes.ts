/**
 * Liveness (`/healthz`: the process is up) and readiness (`/readyz`: it can reach its database and,
 * in server mode, Redis). A load balancer stops sending traffic to a process that is not ready;
 * liveness stays 200 through an outage, so the orchestrator does not restart a process that would
 * recover by itself (ADR 010).
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { RedisConnection } from '../../lib/redis.ts';

const Status = Type.Object({ status: Type.String(), checks: Type.Optional(Type.Record(Type.String(), Type.String())) });

/** How long each dependency has to answer before the process reports itself not ready. */
export const READINESS_TIMEOUTS = { databaseMs: 2_000, redisMs: 500 };

export async function healthRoutes(
  app: FastifyInstance,
  opts: { db: Database; redisUrl?: string | undefined },
): Promise<void> {
  // Its own connection: the probe measures whether Redis answers, not whether another client is busy.
  const redis = opts.redisUrl ? new RedisConnection(opts.redisUrl, { name: 'readiness', log: app.log }) : undefined;
  if (redis) app.addHook('onClose', () => redis.close());

  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { tags: ['health'], summary: 'Liveness probe', response: { 200: Status } },
    },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Readiness probe: the database (and Redis, when configured) answers',
        response: { 200: Status },
      },
    },
    async () => {
      const [database, cache] = await Promise.allSettled([
        withTimeout(opts.db.ping(), READINESS_TIMEOUTS.databaseMs),
        redis?.ping(READINESS_TIMEOUTS.redisMs),
      ]);
      const failing = [
        ...(database.status === 'rejected' ? ['the database'] : []),
        ...(cache.status === 'rejected' ? ['Redis'] : []),
      ];
      if (failing.length > 0) {
        const checks: Record<string, string> = { database: database.status === 'fulfilled' ? 'ok' : 'unreachable' };
        if (redis) checks.redis = cache.status === 'fulfilled' ? 'ok' : 'unreachable';
        throw new AppError(
          'service_unavailable',
          `${capitalise(failing.join(' and '))} ${failing.length > 1 ? 'are' : 'is'} not reachable.`,
          { checks },
          { 'retry-after': '5' },
        );
      }
      return { status: 'ready', checks: { database: opts.db.kind, ...(redis ? { redis: 'ok' } : {}) } };
    },
  );
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), ms);
    }),
  ]);
}
