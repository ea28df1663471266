/**
 * GET /downloads/backpath.mjs: the `backpath` CLI as one file (built by apps/cli/scripts/build.ts), so a
 * learner installs it from this instance with curl and runs it with Node 22+. Read once, then served
 * from memory with a strong ETag.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../errors.ts';
import { type CachedBody, etagMatches } from '../../lib/http-cache.ts';

const ErrorRef = { $ref: 'ErrorResponse#' };

export async function downloadsRoutes(app: FastifyInstance, opts: { cliBundleFile: string }): Promise<void> {
  let bundle: Promise<CachedBody | undefined> | undefined;
  // A missing bundle is not remembered, so building it while the server runs makes it available.
  const load = () => {
    bundle ??= readBundle(opts.cliBundleFile).then((found) => {
      if (!found) bundle = undefined;
      return found;
    });
    return bundle;
  };

  app.get(
    '/downloads/backpath.mjs',
    {
      config: { access: 'public' },
      schema: {
        tags: ['downloads'],
        summary: 'The backpath CLI as one JavaScript file for Node.js 22 or newer',
        description:
          'Install: `curl -fsSLo backpath.mjs <origin>/downloads/backpath.mjs`, then `node backpath.mjs --help`.',
        produces: ['text/javascript'],
        response: {
          200: Type.String({ description: 'an ES module' }),
          304: Type.Null({ description: 'unchanged since the ETag in If-None-Match' }),
          404: ErrorRef,
        },
      },
    },
    async (req, reply) => {
      const cached = await load();
      if (!cached) {
        throw new AppError(
          'not_found',
          'The backpath CLI has not been built on this server. An administrator can build it with `npm run build -w @backpath/cli`.',
        );
      }
      reply.header('etag', cached.etag).header('cache-control', 'public, max-age=300');
      if (etagMatches(req.headers['if-none-match'], cached.etag)) return reply.status(304).send();
      return reply
        .type('text/javascript; charset=utf-8')
        .header('content-disposition', 'attachment; filename="backpath.mjs"')
        .send(cached.body);
    },
  );
}

async function readBundle(file: string): Promise<CachedBody | undefined> {
  try {
    const body = await readFile(file);
    return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
