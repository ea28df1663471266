/** Liveness (`/healthz`: the process is up) and readiness (`/readyz`: it can reach its database). */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../errors.ts';

const Status = Type.Object({ status: Type.String(), checks: Type.Optional(Type.Record(Type.String(), Type.String())) });

export async function healthRoutes(app: FastifyInstance, opts: { db: Database }): Promise<void> {
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
      schema: { tags: ['health'], summary: 'Readiness probe: the database answers', response: { 200: Status } },
    },
    async () => {
      try {
        await withTimeout(opts.db.ping(), 2_000);
      } catch {
        throw new AppError('service_unavailable', 'The database is not reachable.', undefined, { 'retry-after': '5' });
      }
      return { status: 'ready', checks: { database: opts.db.kind } };
    },
  );
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), ms);
    }),
  ]);
}
