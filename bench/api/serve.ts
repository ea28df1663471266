/**
 * One benchmark server in its own process (so the load generator does not share its event loop):
 * `hello` (bare Fastify), `one-query` (bare Fastify doing one primary-key lookup on the same kind of
 * database), `one-write` (bare Fastify doing one upsert), `app` (the real API with the real curriculum and a signed-in learner),
 * or `grading` (the same with warm grading engines). Prints one
 * JSON line with the port and what the parent needs, then serves until killed.
 */
import { loadCurriculum } from '@backpath/curriculum';
import { createGraders } from '@backpath/graders';
import Fastify from 'fastify';
import { buildApp } from '../../apps/api/src/app.ts';
import { loadConfig } from '../../apps/api/src/config.ts';
import { signUp } from '../../apps/api/src/test/auth-helpers.ts';
import { type Backend, createTestDatabase } from '../../apps/api/src/test/test-database.ts';

const LEARNERS = 50;
const [mode, backend = 'pglite'] = process.argv.slice(2) as [
  'hello' | 'one-query' | 'one-write' | 'app' | 'grading',
  Backend,
];
/** The exercises the HTTP grading bench submits: a SQL query and a JavaScript function. */
const GRADED = { sql: 'db-affordable-books', js: 'lang-paid-totals' };

async function main() {
  if (mode === 'hello') {
    const app = Fastify({ logger: false });
    app.get('/', async () => ({ hello: 'world' }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    return { port: (app.server.address() as { port: number }).port };
  }
  const db = await createTestDatabase(backend);
  if (mode === 'one-query') {
    await db.query(`INSERT INTO users (id, email, name) VALUES ('bench-user', 'bench@example.test', 'Bench')`);
    await db.query(
      `INSERT INTO topic_progress (user_id, topic_id, status) VALUES ('bench-user', 'http-basics', 'done')`,
    );
    const app = Fastify({ logger: false });
    app.get('/q', async () => {
      const rows = await db.query('SELECT status FROM topic_progress WHERE user_id = $1 AND topic_id = $2', [
        'bench-user',
        'http-basics',
      ]);
      return { status: (rows[0] as { status: string }).status };
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    return { port: (app.server.address() as { port: number }).port };
  }
  if (mode === 'one-write') {
    // The same kind of write the progress PUT makes (an upsert), spread over a class of learners.
    for (let i = 0; i < LEARNERS; i++) {
      await db.query('INSERT INTO users (id, email, name) VALUES ($1, $2, $3)', [
        `bench-${i}`,
        `b${i}@example.test`,
        'B',
      ]);
    }
    let next = 0;
    const app = Fastify({ logger: false });
    app.put('/w', async () => {
      await db.query(
        `INSERT INTO topic_progress (user_id, topic_id, status) VALUES ($1, 'http-basics', 'learning')
         ON CONFLICT (user_id, topic_id) DO UPDATE SET status = EXCLUDED.status, updated_at = now()`,
        [`bench-${next++ % LEARNERS}`],
      );
      return { ok: true };
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    return { port: (app.server.address() as { port: number }).port };
  }
  const config = loadConfig({ LOG_LEVEL: 'silent', WEB_DIST_DIR: '/nonexistent' });
  const { curriculum } = loadCurriculum(config.contentDir);
  // `grading`: the same app with the grading engines, booted before the bench starts (a learner's first
  // grading of a kind after a restart waits for its engine; that is start-up, not what is measured).
  const graders = mode === 'grading' ? createGraders() : undefined;
  if (graders) await graders.ready();
  const app = await buildApp({ config, db, curriculum, logger: false, ...(graders ? { graders } : {}) });
  app.addHook('onClose', async () => graders?.close());
  await app.listen({ host: '127.0.0.1', port: 0 });
  // A class of learners, one per connection: writes from one account would all queue on one row lock.
  const learners = [];
  for (let i = 0; i < LEARNERS; i++) learners.push(await signUp(app));
  const topicId = curriculum.stages[0]!.topics[0]!;
  return {
    port: (app.server.address() as { port: number }).port,
    cookies: learners.map((l) => l.cookie),
    headers: learners[0]!.csrfHeaders,
    topicId,
    ...(graders
      ? {
          exercises: Object.fromEntries(
            Object.entries(GRADED).map(([k, id]) => {
              const e = curriculum.exercises.get(id);
              if (!e) throw new Error(`bench exercise ${id} is not in the curriculum`);
              return [k, { id, solution: e.solution }];
            }),
          ),
        }
      : {}),
  };
}

main().then(
  (info) => process.stdout.write(`${JSON.stringify(info)}\n`),
  (err) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exit(1);
  },
);
