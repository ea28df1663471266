/**
 * Cached, pre-serialised responses with strong ETags. Content reads are served from bytes computed
 * once, so a request costs a hash lookup and a write rather than a JSON serialisation.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface CachedBody {
  body: Buffer;
  etag: string;
}

export function cachedJson(value: unknown): CachedBody {
  const body = Buffer.from(JSON.stringify(value));
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

/** True when an `If-None-Match` header names `etag` (or `*`), weak or strong. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

export function sendCached(req: FastifyRequest, reply: FastifyReply, cached: CachedBody, maxAgeSeconds = 60) {
  reply.header('etag', cached.etag).header('cache-control', `public, max-age=${maxAgeSeconds}, must-revalidate`);
  if (etagMatches(req.headers['if-none-match'], cached.etag)) return reply.status(304).send();
  return reply.type('application/json; charset=utf-8').send(cached.body);
}
