/**
 * Moving instance keeps everything the export carries: a learner with a review schedule, a streak,
 * a time zone, a portfolio, a credential, a capstone report, a cohort and a comment on instance A
 * exports, imports on instance B, and finds all of it there — restored where B can own it, kept as
 * imported (never evidence) where only A can vouch for it — and B's next export carries it on.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../test/auth-helpers.ts';
import { as, buildLearningTestApp, type LearningTestApp } from '../progress/learning-test-app.ts';

let a: LearningTestApp;
let b: LearningTestApp;
beforeAll(async () => {
  [a, b] = await Promise.all([
    buildLearningTestApp({ env: { PUBLIC_URL: 'https://a.example.org' } }),
    buildLearningTestApp({ env: { PUBLIC_URL: 'https://b.example.org' } }),
  ]);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);

async function seedLearnerOnA() {
  const who = await signUp(a.app, { name: 'Grace' });
  const id = who.user.id;
  const q = (sql: string, params: unknown[]) => a.db.query(sql, params);
  await q(`INSERT INTO learner_settings (user_id, time_zone) VALUES ($1, 'Asia/Tokyo')`, [id]);
  for (const [offset, actions] of [
    [0, 3],
    [1, 2],
    [2, 5],
  ] as const) {
    await q('INSERT INTO activity_days (user_id, day, actions) VALUES ($1, $2::date, $3)', [id, day(offset), actions]);
  }
  const card = { stability: 3.1, difficulty: 5.2, state: 2 };
  await q(
    `INSERT INTO review_cards (user_id, question_key, card, due, reps) VALUES ($1, $2, $3, now() - interval '1 hour', 2)`,
    [id, 'alpha-one-quiz.secret-question', JSON.stringify(card)],
  );
  await q(`INSERT INTO review_cards (user_id, question_key, card, due, reps) VALUES ($1, $2, $3, now(), 1)`, [
    id,
    'gone-quiz.q1',
    JSON.stringify(card),
  ]);
  await q(
    `INSERT INTO portfolios (user_id, handle, published, display_name, bio) VALUES ($1, 'grace-h', true, 'Grace H.', 'Compilers')`,
    [id],
  );
  await q(
    `INSERT INTO credentials (id, user_id, stage_id, jwt) VALUES ('cred-1', $1, 'alpha', 'eyJhbGciOiJFZERTQSJ9.e30.sig')`,
    [id],
  );
  await q(
    `INSERT INTO project_reports (id, user_id, project_id, passed, passed_stages, report)
     VALUES ('rep-1', $1, 'bookmarks-api', true, '["http-basics"]', '{"stages":[]}')`,
    [id],
  );
  const owner = await signUp(a.app, { role: 'mentor' });
  await q(`INSERT INTO cohorts (id, name, owner_id, invite_token) VALUES ('coh-1', 'Tuesday group', $1, $2)`, [
    owner.user.id,
    randomUUID(),
  ]);
  await q(`INSERT INTO cohort_members (cohort_id, user_id, role) VALUES ('coh-1', $1, 'learner')`, [id]);
  await q(
    `INSERT INTO submissions (id, user_id, exercise_id, mode, code, status, content_version) VALUES ('sub-1', $1, 'alpha-sql', 'submit', 'SELECT 1', 'queued', 'v')`,
    [id],
  );
  await q(
    `INSERT INTO submission_comments (id, submission_id, author_id, body, body_html) VALUES ('com-1', 'sub-1', $1, 'Thanks!', '<p>Thanks!</p>')`,
    [id],
  );
  return as(a.app, who);
}

describe('moving to another instance keeps the whole learning record', () => {
  it('restores schedule, streak, zone and portfolio; keeps credentials, reports, cohorts and comments as imported', async () => {
    const onA = await seedLearnerOnA();
    const exported = (await onA('GET', '/api/me/learning-export')).json();
    expect(exported).toMatchObject({ format: 'backpath-learning-export', version: 2 });
    expect(exported.records).toMatchObject({ source: 'https://a.example.org', timeZone: 'Asia/Tokyo' });

    const onB = as(b.app, await signUp(b.app));
    const res = await onB('POST', '/api/me/learning-import', exported);
    expect(res.statusCode).toBe(200);
    expect(res.json().imported).toMatchObject({
      activityDays: 3,
      reviewCards: 1,
      portfolio: 1,
      timeZone: 1,
      keptFromOrigin: 4,
    });
    expect(res.json().notes.join(' ')).toContain('1 review card(s) belong to quizzes this curriculum does not have');

    // The streak and the review schedule work on B as they did on A.
    const dash = (await onB('GET', '/api/dashboard')).json();
    expect(dash.streak).toMatchObject({ current: 3 });
    const due = (await onB('GET', '/api/review')).json();
    expect(due.count).toBe(1);

    // The portfolio settings came over, unpublished until the learner publishes on B.
    const portfolio = (await onB('GET', '/api/portfolio')).json();
    expect(portfolio.settings).toMatchObject({
      handle: 'grace-h',
      published: false,
      displayName: 'Grace H.',
      bio: 'Compilers',
    });

    // A's credential is not B's: no credential is issued by B from it, and B's export carries it as imported.
    const again = (await onB('GET', '/api/me/learning-export')).json();
    expect(again.records.credentials).toEqual([
      expect.objectContaining({ id: 'cred-1', stageId: 'alpha', importedFrom: 'https://a.example.org' }),
    ]);
    expect(again.records.projectReports).toEqual([
      expect.objectContaining({ id: 'rep-1', passed: true, importedFrom: 'https://a.example.org' }),
    ]);
    expect(again.records.cohorts).toEqual([
      expect.objectContaining({ name: 'Tuesday group', importedFrom: 'https://a.example.org' }),
    ]);
    expect(again.records.commentsWritten).toEqual([
      expect.objectContaining({ body: 'Thanks!', importedFrom: 'https://a.example.org' }),
    ]);
    const own = await b.db.query('SELECT 1 FROM credentials c JOIN users u ON u.id = c.user_id');
    expect(own).toEqual([]);
    const reports = await b.db.query('SELECT 1 FROM project_reports');
    expect(reports).toEqual([]);

    // Importing the same file twice changes nothing.
    const twice = (await onB('POST', '/api/me/learning-import', exported)).json();
    expect(twice.imported).toMatchObject({
      activityDays: 0,
      reviewCards: 0,
      portfolio: 0,
      timeZone: 0,
      keptFromOrigin: 0,
    });

    // A second move (B -> C) keeps the origin of what was imported: nothing is lost on the way.
    const onC = as(a.app, await signUp(a.app));
    const third = (await onC('POST', '/api/me/learning-import', again)).json();
    expect(third.imported.keptFromOrigin).toBe(4);
    const fromC = (await onC('GET', '/api/me/learning-export')).json();
    expect(fromC.records.credentials[0]).toMatchObject({ id: 'cred-1', importedFrom: 'https://a.example.org' });
  });

  it('still imports a version 1 file, and refuses a records section that is not one', async () => {
    const me = as(b.app, await signUp(b.app));
    const v1 = {
      format: 'backpath-learning-export',
      version: 1,
      exportedAt: new Date().toISOString(),
      contentVersion: 'x',
      progress: [{ topicId: 'alpha-one', status: 'learning', updatedAt: new Date().toISOString() }],
      notes: [],
      links: [],
      submissions: [],
      quizAttempts: [],
    };
    const ok = await me('POST', '/api/me/learning-import', v1);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().imported.progress).toBe(1);
    const bad = await me('POST', '/api/me/learning-import', { ...v1, version: 2, records: { timeZone: 5 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
  });
});
