import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/build-test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('GET /api/stages', () => {
  it('lists stages in roadmap order with their topics in manifest order', async () => {
    const res = await t.app.inject('/api/stages');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.contentVersion).toBe('fixture-1');
    expect(body.stages.map((s: { id: string }) => s.id)).toEqual(['alpha', 'beta']);
    expect(body.stages[0].topics.map((x: { id: string }) => x.id)).toEqual(['alpha-one', 'alpha-two']);
    expect(body.stages[0].topics[0]).toMatchObject({ exerciseCount: 1, hasQuiz: true });
  });

  it('is the overview only: what the roadmap page draws, the longer texts stay on the stage', async () => {
    const list = (await t.app.inject('/api/stages')).json();
    const stage = list.stages[0];
    expect(Object.keys(stage).sort()).toEqual(['id', 'number', 'summary', 'title', 'topics']);
    expect(Object.keys(stage.topics[0]).sort()).toEqual([
      'exerciseCount',
      'hasQuiz',
      'id',
      'minutes',
      'status',
      'title',
    ]);
    // The details moved, not vanished: the stage view still has why and every topic's summary.
    const detail = (await t.app.inject(`/api/stages/${stage.id}`)).json();
    expect(detail.why).toEqual(expect.any(String));
    expect(detail.why.length).toBeGreaterThan(0);
    expect(detail.topics[0]).toMatchObject({ id: stage.topics[0].id, summary: expect.any(String) });
    expect(detail.summary).toBe(stage.summary);
  });

  it('answers 304 to a matching If-None-Match and sends cache headers', async () => {
    const first = await t.app.inject('/api/stages');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toContain('max-age=');
    const second = await t.app.inject({ url: '/api/stages', headers: { 'if-none-match': etag } });
    expect(second.statusCode).toBe(304);
    expect(second.body).toBe('');
    const stale = await t.app.inject({ url: '/api/stages', headers: { 'if-none-match': '"other"' } });
    expect(stale.statusCode).toBe(200);
  });
});

describe('compressed content reads', () => {
  it('sends browsers a gzip copy with its own ETag, and the same JSON inside', async () => {
    const plain = await t.app.inject('/api/topics/alpha-one');
    expect(plain.rawPayload.length).toBeGreaterThan(512);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-encoding');
    const gz = await t.app.inject({
      url: '/api/topics/alpha-one',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.rawPayload.length).toBeLessThan(plain.rawPayload.length);
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(plain.body);
    expect(gz.headers.etag).not.toBe(plain.headers.etag);
    const again = await t.app.inject({
      url: '/api/topics/alpha-one',
      headers: { 'accept-encoding': 'gzip', 'if-none-match': gz.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    // gzip;q=0 means "not gzip".
    const refused = await t.app.inject({ url: '/api/topics/alpha-one', headers: { 'accept-encoding': 'gzip;q=0' } });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });
});

describe('GET /api/stages/:stageId', () => {
  it('returns one stage', async () => {
    const res = await t.app.inject('/api/stages/beta');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: 'beta', number: 2, topics: [{ id: 'beta-one' }] });
  });

  it('answers 404 in the error shape for an unknown stage', async () => {
    const res = await t.app.inject('/api/stages/nowhere');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'Stage "nowhere" does not exist.' } });
  });

  it('refuses a malformed id with 400 instead of looking it up', async () => {
    const res = await t.app.inject('/api/stages/..%2Fetc');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });
});

describe('GET /api/topics/:topicId', () => {
  it('renders the lesson to HTML with highlighted code and escapes raw HTML', async () => {
    const res = await t.app.inject('/api/topics/alpha-one');
    expect(res.statusCode).toBe(200);
    const topic = res.json();
    expect(topic.html).toContain('<strong>alpha-one</strong>');
    expect(topic.html).toContain('class="hljs language-ts"');
    expect(topic.html).not.toContain('<script>');
    expect(topic.html).toContain('&lt;script&gt;');
  });

  it('links prerequisites, exercises, quiz and neighbours across stages', async () => {
    const two = (await t.app.inject('/api/topics/alpha-two')).json();
    expect(two.prerequisites).toEqual([{ id: 'alpha-one', title: 'Topic alpha-one' }]);
    expect(two.previous).toEqual({ id: 'alpha-one', title: 'Topic alpha-one' });
    expect(two.next).toEqual({ id: 'beta-one', title: 'Topic beta-one' });
    const one = (await t.app.inject('/api/topics/alpha-one')).json();
    expect(one.previous).toBeNull();
    expect(one.quizId).toBe('alpha-one-quiz');
    expect(one.exercises).toEqual([
      { id: 'alpha-sql', title: 'Select every name', kind: 'sql', difficulty: 'beginner' },
    ]);
  });

  it('answers 404 in the error shape for an unknown topic', async () => {
    const res = await t.app.inject('/api/topics/missing-topic');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({ code: 'not_found', message: 'Topic "missing-topic" does not exist.' });
  });

  it('never reveals quiz answers, explanations, solutions or hidden checks', async () => {
    const urls = [
      '/api/stages',
      '/api/stages/alpha',
      '/api/topics/alpha-one',
      '/api/topics/alpha-two',
      '/openapi.json',
    ];
    for (const url of urls) {
      const body = (await t.app.inject(url)).body;
      expect(body, url).not.toMatch(/SECRET|HIDDEN-CHECK|SELECT name FROM people/);
    }
  });
});
