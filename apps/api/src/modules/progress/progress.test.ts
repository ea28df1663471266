/**
 * Progress through the API: statuses set by the learner, completion per stage, cached reads that a
 * write invalidates, retired topics reported, and — with a second fixture where a topic was renamed
 * and moved to another stage — progress kept across the content change.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../test/auth-helpers.ts';
import { loadFixtureCurriculum } from '../../test/build-test-app.ts';
import { testBackends } from '../../test/test-database.ts';
import { as, buildLearningTestApp, type LearningTestApp } from './learning-test-app.ts';

const RENAMED = resolve(import.meta.dirname, '../../test/fixtures/content-renamed');

describe.each(testBackends())('progress on $backend', ({ backend, skip }) => {
  let t: LearningTestApp;
  beforeAll(async () => {
    if (!skip) t = await buildLearningTestApp({ backend });
  });
  afterAll(() => t?.close());

  it.skipIf(skip)('needs a signed-in user', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/progress' })).statusCode).toBe(401);
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/progress/topics/alpha-one',
      payload: { status: 'done' },
    });
    expect(put.statusCode).toBe(401);
  });

  it.skipIf(skip)('starts at zero and moves per stage and overall as topics are done', async () => {
    const me = as(t.app, await signUp(t.app));
    const empty = (await me('GET', '/api/progress')).json();
    expect(empty.overall).toEqual({ done: 0, total: 3, percent: 0 });
    expect(empty.stages.map((s: { id: string }) => s.id)).toEqual(['alpha', 'beta']);

    // Nothing of alpha-one's graded work has passed: a "done" set by hand is self-reported.
    expect((await me('PUT', '/api/progress/topics/alpha-one', { status: 'done' })).json()).toEqual({
      topicId: 'alpha-one',
      status: 'done',
      source: 'self',
    });
    await me('PUT', '/api/progress/topics/alpha-two', { status: 'learning' });
    const after = (await me('GET', '/api/progress')).json();
    expect(after.overall).toEqual({ done: 1, total: 3, percent: 33 });
    expect(after.stages[0]).toMatchObject({ id: 'alpha', done: 1, passed: 0, total: 2, percent: 50 });
    expect(after.stages[0].topics).toEqual([
      { id: 'alpha-one', status: 'done', source: 'self' },
      { id: 'alpha-two', status: 'learning', source: 'self' },
    ]);
    expect(after.stages[1].topics).toEqual([{ id: 'beta-one', status: 'not_started', source: null }]);

    // Revalidation: unchanged progress is a 304; the next write invalidates the cached view.
    const etag = (await me('GET', '/api/progress')).headers.etag as string;
    expect((await me('GET', '/api/progress', undefined, { 'if-none-match': etag })).statusCode).toBe(304);
    await me('PUT', '/api/progress/topics/alpha-two', { status: 'done' });
    const changed = await me('GET', '/api/progress', undefined, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().stages[0]).toMatchObject({ done: 2, percent: 100 });
  });

  it.skipIf(skip)('keeps each learner to their own progress', async () => {
    const a = as(t.app, await signUp(t.app));
    const b = as(t.app, await signUp(t.app));
    await a('PUT', '/api/progress/topics/beta-one', { status: 'done' });
    expect((await b('GET', '/api/progress')).json().overall.done).toBe(0);
  });

  it.skipIf(skip)('accepts an old id through the id-map and refuses unknown, retired and malformed ones', async () => {
    const me = as(t.app, await signUp(t.app));
    expect((await me('PUT', '/api/progress/topics/alpha-old-name', { status: 'learning' })).json().topicId).toBe(
      'alpha-one',
    );
    expect((await me('PUT', '/api/progress/topics/no-such-topic', { status: 'done' })).statusCode).toBe(404);
    expect((await me('PUT', '/api/progress/topics/alpha-gone', { status: 'done' })).statusCode).toBe(410);
    const bad = await me('PUT', '/api/progress/topics/alpha-one', { status: 'finished' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
  });

  it.skipIf(skip)('reports progress on a retired topic instead of dropping it', async () => {
    const who = await signUp(t.app);
    await t.db.query(`INSERT INTO topic_progress (user_id, topic_id, status) VALUES ($1, 'alpha-gone', 'done')`, [
      who.user.id,
    ]);
    const view = (await as(t.app, who)('GET', '/api/progress')).json();
    expect(view.retired).toEqual([{ id: 'alpha-gone', status: 'done', source: 'self' }]);
    expect(view.overall.done).toBe(0);
  });

  it.skipIf(skip)('validates X-Time-Zone', async () => {
    const me = as(t.app, await signUp(t.app));
    const res = await me(
      'PUT',
      '/api/progress/topics/alpha-one',
      { status: 'done' },
      { 'x-time-zone': 'Mars/Olympus' },
    );
    expect(res.statusCode).toBe(400);
  });
});

describe('a content change: topic renamed and moved to another stage', () => {
  it('keeps the learner’s status, notes and links on the topic under its new id and stage', async () => {
    const before = await buildLearningTestApp();
    const after = await buildLearningTestApp({ db: before.db, curriculum: loadFixtureCurriculum(RENAMED) });
    try {
      const who = await signUp(before.app);
      const old = as(before.app, who);
      await old('PUT', '/api/progress/topics/alpha-two', { status: 'done' });
      await old('PUT', '/api/topics/alpha-two/notes', { body: 'My **note**' });
      await old('POST', '/api/topics/alpha-two/links', { url: 'https://example.com/a', title: 'A' });
      expect((await old('GET', '/api/progress')).json().stages[0]).toMatchObject({ id: 'alpha', done: 1 });

      const now = as(after.app, who);
      const view = (await now('GET', '/api/progress')).json();
      expect(view.stages[0]).toMatchObject({ id: 'alpha', done: 0, total: 1 });
      expect(view.stages[1]).toMatchObject({ id: 'beta', done: 1, total: 2, percent: 50 });
      expect(view.stages[1].topics).toContainEqual({ id: 'alpha-second', status: 'done', source: 'self' });
      expect(view.retired).toEqual([]);
      expect((await now('GET', '/api/topics/alpha-second/notes')).json().body).toBe('My **note**');
      expect((await now('GET', '/api/topics/alpha-second/links')).json().items).toHaveLength(1);

      // A later write under the new id replaces, rather than duplicates, the old row.
      await now('PUT', '/api/progress/topics/alpha-second', { status: 'learning' });
      const rows = await after.db.query('SELECT topic_id, status FROM topic_progress WHERE user_id = $1', [
        who.user.id,
      ]);
      expect(rows).toEqual([{ topic_id: 'alpha-second', status: 'learning' }]);
    } finally {
      await after.close();
      await before.close();
    }
  });
});

describe.skipIf(!process.env.TEST_REDIS_URL)('the progress cache shared through Redis (TEST_REDIS_URL)', () => {
  it('a write in one API process invalidates the cached view in another', async () => {
    const env = { REDIS_URL: process.env.TEST_REDIS_URL!, REDIS_KEY_PREFIX: `test-${Date.now()}-${Math.random()}:` };
    const one = await buildLearningTestApp({ env });
    const two = await buildLearningTestApp({ env, db: one.db });
    try {
      const who = await signUp(one.app);
      expect((await as(one.app, who)('GET', '/api/progress')).json().overall.done).toBe(0); // now cached
      await as(two.app, who)('PUT', '/api/progress/topics/beta-one', { status: 'done' });
      expect((await as(one.app, who)('GET', '/api/progress')).json().overall.done).toBe(1);
    } finally {
      await two.close();
      await one.close();
    }
  });
});
