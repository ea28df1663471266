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
        {
          name: 'auth',
          description: 'Sign-up, sign-in, sessions, email verification, password reset, 2FA, device flow, GitHub',
        },
        { name: 'me', description: 'My account: profile, email and password changes, deletion, account export' },
        { name: 'tokens', description: 'Personal API tokens (Bearer) for the CLI and scripts' },
        { name: 'admin', description: 'Administrators: audit log and roles' },
        { name: 'progress', description: 'My progress per topic, stage and overall' },
        { name: 'exercises', description: 'Public view of exercises (never solutions or hidden checks)' },
        { name: 'submissions', description: 'Graded submissions, polling and server-sent events' },
        { name: 'quizzes', description: 'Quizzes and attempts; answers revealed only after an attempt' },
        { name: 'review', description: 'Spaced review of quiz questions (FSRS)' },
        { name: 'notes', description: 'Private notes and links per topic' },
        { name: 'activity', description: 'Daily activity, streak and heatmap' },
        { name: 'dashboard', description: 'What to do next' },
        { name: 'portfolio', description: 'Public profile and README badge' },
        { name: 'credentials', description: 'Signed Open Badges 3.0 credentials and the JWKS to verify them' },
        { name: 'cohorts', description: 'Mentors, cohorts, invitations and review comments' },
        { name: 'export', description: 'Export and import of learning data' },
        { name: 'projects', description: 'Capstone project reports from the backpath CLI' },
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
