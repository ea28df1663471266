/**
 * Personal notes and links are private, rendered safely, and validated; activity days follow the
 * learner's time zone, not the server's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../test/auth-helpers.ts';
import { dayIn } from '../activity/streak.ts';
import { as, buildLearningTestApp, type LearningTestApp } from '../progress/learning-test-app.ts';

let t: LearningTestApp;
beforeAll(async () => {
  t = await buildLearningTestApp();
});
afterAll(() => t.close());

describe('notes and links', () => {
  it('keeps notes private and renders them without scripts', async () => {
    const mine = as(t.app, await signUp(t.app));
    const theirs = as(t.app, await signUp(t.app));
    const saved = await mine('PUT', '/api/topics/alpha-one/notes', {
      body: '# Joins\n\n<img src=x onerror=alert(1)> **inner** join <script>steal()</script>',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().html).toContain('<strong>inner</strong>');
    expect(saved.json().html).not.toMatch(/<script|onerror|<img/);
    expect((await theirs('GET', '/api/topics/alpha-one/notes')).json()).toMatchObject({ body: '', updatedAt: null });
    expect((await mine('PUT', '/api/topics/no-such-topic/notes', { body: 'x' })).statusCode).toBe(404);
    expect((await mine('PUT', '/api/topics/alpha-one/notes', { body: 'x'.repeat(50_001) })).statusCode).toBe(400);
  });

  it('bookmarks http(s) links only, and only their owner removes them', async () => {
    const mine = as(t.app, await signUp(t.app));
    const theirs = as(t.app, await signUp(t.app));
    expect((await mine('POST', '/api/topics/alpha-one/links', { url: 'javascript:alert(1)' })).statusCode).toBe(400);
    const link = await mine('POST', '/api/topics/alpha-one/links', { url: 'https://www.postgresql.org/docs/' });
    expect(link.statusCode).toBe(201);
    expect(link.json().title).toBe('https://www.postgresql.org/docs/');
    expect((await theirs('GET', '/api/topics/alpha-one/links')).json().items).toEqual([]);
    expect((await theirs('DELETE', `/api/topics/alpha-one/links/${link.json().id}`)).statusCode).toBe(404);
    expect((await mine('DELETE', `/api/topics/alpha-one/links/${link.json().id}`)).statusCode).toBe(204);
    expect((await mine('GET', '/api/topics/alpha-one/links')).json().items).toEqual([]);
  });
});

describe('activity in the learner’s time zone', () => {
  it('files the same instant under the date of the zone the learner is in', async () => {
    const me = as(t.app, await signUp(t.app));
    // UTC+14 and UTC-11 are 25 hours apart: their dates always differ.
    const zones = ['Pacific/Kiritimati', 'Pacific/Pago_Pago'];
    for (const zone of zones) {
      await me('PUT', '/api/progress/topics/alpha-one', { status: 'learning' }, { 'x-time-zone': zone });
    }
    const expected = zones.map((z) => dayIn(z)).sort();
    const years = [...new Set(expected.map((d) => d.slice(0, 4)))];
    const days: string[] = [];
    for (const year of years) {
      const res = (await me('GET', `/api/activity?year=${year}`, undefined, { 'x-time-zone': 'UTC' })).json();
      days.push(...res.days.map((d: { date: string }) => d.date));
    }
    expect(days.sort()).toEqual(expected);

    // A stored zone is used when the request names none.
    expect((await me('PUT', '/api/activity/time-zone', { timeZone: 'Not/AZone' })).statusCode).toBe(400);
    await me('PUT', '/api/activity/time-zone', { timeZone: 'Pacific/Kiritimati' });
    const activity = (await me('GET', '/api/activity')).json();
    expect(activity.timeZone).toBe('Pacific/Kiritimati');
    expect(activity.streak.activeToday).toBe(true);
  });
});

describe('learning import', () => {
  it('skips items the curriculum has never heard of, and resolves renamed ids on read', async () => {
    const me = as(t.app, await signUp(t.app));
    const now = new Date().toISOString();
    const res = await me('POST', '/api/me/learning-import', {
      format: 'backpath-learning-export',
      version: 1,
      exportedAt: now,
      contentVersion: 'elsewhere-9',
      progress: [
        { topicId: 'alpha-old-name', status: 'done', updatedAt: now },
        { topicId: 'made-up-topic', status: 'done', updatedAt: now },
      ],
      notes: [{ topicId: 'alpha-old-name', body: 'kept', updatedAt: now }],
      links: [],
      submissions: [],
      quizAttempts: [],
    });
    expect(res.json().imported).toMatchObject({ progress: 1, notes: 1, skipped: 1 });
    const progress = (await me('GET', '/api/progress')).json();
    expect(progress.stages[0].topics[0]).toEqual({ id: 'alpha-one', status: 'done', source: 'imported' });
    expect(progress.retired).toEqual([]);
    expect((await me('GET', '/api/topics/alpha-one/notes')).json().body).toBe('kept');
    expect((await me('POST', '/api/me/learning-import', { format: 'something-else' })).statusCode).toBe(400);
  });

  it('keeps imported work in the history but never counts it as evidence', async () => {
    const me = as(t.app, await signUp(t.app));
    const handle = `imported${Date.now()}`;
    expect((await me('PUT', '/api/portfolio', { handle, published: true })).statusCode).toBe(200);
    const now = new Date().toISOString();
    const passing = { version: 1, status: 'pass', message: 'All checks passed.', tests: [], durationMs: 1 };
    const res = await me('POST', '/api/me/learning-import', {
      format: 'backpath-learning-export',
      version: 1,
      exportedAt: now,
      contentVersion: 'elsewhere-9',
      progress: [],
      notes: [],
      links: [],
      submissions: [
        {
          exerciseId: 'alpha-sql',
          mode: 'submit',
          code: 'SELECT 1',
          verdict: 'pass',
          result: passing,
          contentVersion: 'elsewhere-9',
          createdAt: now,
          gradedAt: now,
          durationMs: 1,
        },
      ],
      quizAttempts: [
        {
          quizId: 'alpha-one-quiz',
          answers: {},
          correct: 3,
          total: 3,
          passed: true,
          contentVersion: 'elsewhere-9',
          createdAt: now,
        },
      ],
    });
    expect(res.json().imported).toMatchObject({ submissions: 1, quizAttempts: 1 });
    const history = (await me('GET', '/api/exercises/alpha-sql/submissions')).json();
    expect(history.items).toHaveLength(1);
    // Neither the portfolio nor automatic completion takes the file's word for it.
    const [row] = await t.db.query<{ imported: boolean }>(
      "SELECT imported FROM submissions WHERE exercise_id = 'alpha-sql' AND code = 'SELECT 1'",
    );
    expect(row?.imported).toBe(true);
    expect((await t.app.inject(`/api/portfolio/${handle}`)).json().exercises).toEqual({ solved: 0, items: [] });
    // Passing the topic's quiz here would complete it if the imported pass counted for its exercise.
    const attempt = await me('POST', '/api/quizzes/alpha-one-quiz/attempts', { answers: { 'secret-question': 'b' } });
    expect(attempt.json().passed).toBe(true);
    expect((await me('GET', '/api/progress')).json().stages[0].topics[0]).toEqual({
      id: 'alpha-one',
      status: 'not_started',
      source: null,
    });
  });
});
