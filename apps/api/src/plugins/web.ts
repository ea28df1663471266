/**
 * Serves the built web app (apps/web/dist) from the API process: one process, one port. Unknown
 * non-API GET paths fall back to index.html so the single-page app's router can take them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export async function registerWeb(app: FastifyInstance, distDir: string): Promise<boolean> {
  if (!existsSync(join(distDir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    // apps/web's build writes .br and .gz beside each asset; browsers get those (Vary: Accept-Encoding).
    preCompressed: true,
    // Hashed asset names never change content; index.html must be revalidated every time.
    setHeaders(reply, path) {
      reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return true;
}

export function isSpaPath(method: string, url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return (
    (method === 'GET' || method === 'HEAD') &&
    !path.startsWith('/api/') &&
    !path.startsWith('/docs') &&
    !/\.[a-z0-9]+$/i.test(path)
  );
}
