/**
 * A NUL character (U+0000) cannot be stored in PostgreSQL `text`. Everywhere a learner's text
 * reaches the database it answers 400 in the one error shape, naming the field, and stores nothing
 * — never a 500 from the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../test/auth-helpers.ts';
import { buildTestApp, type TestApp } from '../test/build-test-app.ts';
import { testBackends } from '../test/test-database.ts';
import { nulField } from './json-body.ts';

const NUL = '\u0000';
const MESSAGE = 'contains a NUL character (\\u0000), which cannot be stored; remove it.';

describe.each(testBackends())('NUL characters in requests on $backend', ({ backend, skip }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (!skip) t = await buildTestApp({ backend });
  });
  afterAll(() => t?.close());

  const count = async (sql: string, params: unknown[]) =>
    Number((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n);
  async function learner() {
    const who = await signUp(t.app);
    return {
      id: who.user.id,
      send: (method: 'PUT' | 'POST' | 'PATCH' | 'GET', url: string, payload?: object, headers = {}) =>
        t.app.inject({
          method,
          url,
          headers: { cookie: who.cookie, ...who.csrfHeaders, ...headers },
          ...(payload ? { payload } : {}),
        }),
    };
  }
  function expectNulError(res: { statusCode: number; json(): unknown }, field: string) {
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: {
        code: 'validation_failed',
        message: `${field} ${MESSAGE}`,
        details: [{ field, problem: 'contains a NUL character (\\u0000)' }],
      },
    });
  }

  it.skipIf(skip)('refuses a note with a NUL and keeps no note', async () => {
    const me = await learner();
    expectNulError(await me.send('PUT', '/api/topics/alpha-one/notes', { body: `Joins${NUL} explained` }), 'body/body');
    expect(await count('topic_notes WHERE user_id = $1', [me.id])).toBe(0);
    // The same note without the NUL is stored: the refusal is about the character, not the route.
    expect((await me.send('PUT', '/api/topics/alpha-one/notes', { body: 'Joins explained' })).statusCode).toBe(200);
  });

  it.skipIf(skip)('refuses a link title with a NUL and keeps no link', async () => {
    const me = await learner();
    const res = await me.send('POST', '/api/topics/alpha-one/links', {
      url: 'https://www.postgresql.org/docs/',
      title: `Docs${NUL}`,
    });
    expectNulError(res, 'body/title');
    expect(await count('topic_links WHERE user_id = $1', [me.id])).toBe(0);
  });

  it.skipIf(skip)('refuses submitted code with a NUL and records no submission', async () => {
    const me = await learner();
    const res = await me.send('POST', '/api/exercises/alpha-sql/submissions', { code: `SELECT 1;${NUL}` });
    expectNulError(res, 'body/code');
    expect(await count('submissions WHERE user_id = $1', [me.id])).toBe(0);
  });

  it.skipIf(skip)('refuses profile fields with a NUL (my name, my portfolio bio) and changes nothing', async () => {
    const me = await learner();
    expectNulError(await me.send('PATCH', '/api/me', { name: `Ada${NUL}Lovelace` }), 'body/name');
    const [row] = await t.db.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [me.id]);
    expect(row!.name).toBe('Test User');
    const bio = await me.send('PUT', '/api/portfolio', { handle: 'ada-nul', published: true, bio: `Hi${NUL}` });
    expectNulError(bio, 'body/bio');
    expect(await count('portfolios WHERE user_id = $1', [me.id])).toBe(0);
  });

  it.skipIf(skip)('names a NUL in a property name, and one nested in an array', async () => {
    const me = await learner();
    const key = await me.send('PATCH', '/api/me', { [`na${NUL}me`]: 'x' });
    expect(key.statusCode).toBe(400);
    expect(key.json().error.message).toBe(`A property name in body ${MESSAGE}`);
    expect(nulField({ items: ['ok', { deep: `a${NUL}` }] }, 'body')).toEqual({
      field: 'body/items/1/deep',
      inName: false,
    });
    expect(nulField({ text: 'no nul here, not even \\u0000 written out' }, 'body')).toBeUndefined();
  });

  it.skipIf(skip)('accepts the six characters \\u0000 written out as text (they are not a NUL)', async () => {
    const me = await learner();
    const res = await me.send('PUT', '/api/topics/alpha-one/notes', { body: 'In JSON a NUL is written \\u0000.' });
    expect(res.statusCode).toBe(200);
    expect(res.json().body).toBe('In JSON a NUL is written \\u0000.');
  });

  it.skipIf(skip)('refuses a NUL in a query parameter, a path parameter and a header', async () => {
    const me = await learner();
    expectNulError(await me.send('GET', '/api/exercises/alpha-sql/submissions?cursor=ab%00cd'), 'querystring/cursor');
    expectNulError(await me.send('GET', '/api/topics/alpha%00one/notes'), 'params/topicId');
    expectNulError(
      await me.send('GET', '/api/activity', undefined, { 'x-time-zone': `Europe/Paris${NUL}` }),
      'headers/x-time-zone',
    );
    // Signed out, on a public route, too.
    expectNulError(await t.app.inject({ url: '/api/portfolio/ada%00' }), 'params/handle');
  });
});
