/** OpenAPI 3.1 generated from the route schemas, served at /openapi.json, with a docs page at /docs. */
import swagger from '@fastify/swagger';
import scalar from '@scalar/fastify-api-reference';
import type { FastifyInstance } from 'fastify';

export async function registerOpenApi(app: FastifyInstance, publicUrl: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Backpath API',
        version: '0.1.0',
        description:
          'The REST API behind Backpath. Errors always have the shape `{ "error": { "code", "message", "details"? } }`.',
      },
      servers: [{ url: publicUrl }],
      tags: [
        { name: 'health', description: 'Liveness and readiness probes' },
        { name: 'roadmap', description: 'Stages and lessons (public, read-only)' },
      ],
    },
  });
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    reply.header('cache-control', 'no-cache');
    return app.swagger();
  });
  await app.register(scalar, {
    routePrefix: '/docs',
    configuration: { url: '/openapi.json', theme: 'default' },
  });
}
