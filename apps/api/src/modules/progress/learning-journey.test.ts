/**
 * The learner's journey end to end through `app.inject()` with the real graders: sign up, read a
 * lesson, fail then pass an exercise (polled and streamed), pass a quiz, watch topic and stage
 * completion move, review a due question, publish a profile, and verify the issued credential
 * with `jose` against the published JWKS — and see a tampered one fail.
 */
import { createHash } from 'node:crypto';
import { createGraders, type Graders } from '@backpath/graders';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../test/auth-helpers.ts';
import { as, buildLearningTestApp, type LearningTestApp } from './learning-test-app.ts';

/** A zone where it is not late evening now, so "due today" cannot straddle midnight during the test. */
const ZONE = ['UTC', 'Asia/Tokyo', 'America/New_York', 'Asia/Kolkata'].find((timeZone) => {
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hour12: false }).format(new Date()),
  );
  return hour < 20;
})!;

let graders: Graders;
let t: LearningTestApp;

beforeAll(async () => {
  graders = createGraders();
  await graders.ready();
  t = await buildLearningTestApp({ graders });
});
afterAll(async () => {
  await t?.close();
  await graders?.close();
});

async function waitGraded(me: ReturnType<typeof as>, id: string) {
  for (;;) {
    const s = (await me('GET', `/api/submissions/${id}`)).json();
    if (s.status === 'graded' || s.status === 'failed') return s;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a learner’s journey', () => {
  it('goes from a first lesson to a verified credential', async () => {
    const who = await signUp(t.app, { name: 'Ada Lovelace' });
    const me = as(t.app, who);
    const headers = { 'x-time-zone': ZONE };

    // Read a lesson and its exercise: no solution, no hidden check, no hidden data.
    expect((await me('GET', '/api/topics/alpha-one')).statusCode).toBe(200);
    const exercise = await me('GET', '/api/exercises/alpha-sql');
    expect(exercise.statusCode).toBe(200);
    expect(exercise.json()).toMatchObject({ id: 'alpha-sql', topicId: 'alpha-one', kind: 'sql', hiddenCheckCount: 1 });
    expect(exercise.json().visibleChecks).toEqual([{ name: 'every name' }]);
    for (const secret of ['SELECT name FROM people', 'HIDDEN-CHECK-NAME', 'SECRET-ROW', 'solution']) {
      expect(exercise.body).not.toContain(secret);
    }

    // Fail: queued (202), then polled until graded.
    const failing = await me(
      'POST',
      '/api/exercises/alpha-sql/submissions',
      { code: 'SELECT 1;', mode: 'submit' },
      headers,
    );
    expect(failing.statusCode).toBe(202);
    expect(failing.json()).toMatchObject({ status: 'queued', exerciseId: 'alpha-sql', contentVersion: 'fixture-1' });
    const failed = await waitGraded(me, failing.json().id);
    expect(failed).toMatchObject({ status: 'graded', code: 'SELECT 1;' });
    expect(failed.result.status).toBe('fail');
    expect(JSON.stringify(failed.result)).not.toContain('SECRET-ROW');

    // The editor's Run: graded within the request on the visible checks.
    const run = await me('POST', '/api/exercises/alpha-sql/submissions', {
      code: 'SELECT name FROM people;',
      mode: 'run',
    });
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ status: 'graded', mode: 'run' });
    expect(run.json().result.tests.every((c: { hidden: boolean }) => !c.hidden)).toBe(true);

    // Pass: the result arrives as one server-sent event.
    const passing = await me(
      'POST',
      '/api/exercises/alpha-sql/submissions',
      { code: 'SELECT name FROM people;' },
      headers,
    );
    expect(passing.statusCode).toBe(202);
    const stream = await me('GET', `/api/submissions/${passing.json().id}/events`);
    expect(stream.headers['content-type']).toContain('text/event-stream');
    const [, event, data] = /^event: (\w+)\ndata: (.*)\n\n$/s.exec(stream.body) ?? [];
    expect(event).toBe('result');
    const passed = JSON.parse(data!);
    expect(passed).toMatchObject({ id: passing.json().id, status: 'graded', mode: 'submit' });
    expect(passed.result.status).toBe('pass');
    expect(passed.durationMs).toBeGreaterThanOrEqual(0);

    // History, best and latest.
    const history = (await me('GET', '/api/exercises/alpha-sql/submissions?limit=2')).json();
    expect(history.items.map((s: { id: string }) => s.id)).toEqual([passing.json().id, run.json().id]);
    expect(history.nextCursor).toEqual(expect.any(String));
    const rest = (await me('GET', `/api/exercises/alpha-sql/submissions?cursor=${history.nextCursor}`)).json();
    expect(rest.items.map((s: { id: string }) => s.id)).toEqual([failing.json().id]);
    expect((await me('GET', '/api/exercises/alpha-sql/submissions/best')).json().id).toBe(passing.json().id);
    expect((await me('GET', '/api/exercises/alpha-sql/submissions/latest')).json().id).toBe(passing.json().id);

    // The exercise alone does not complete the topic: its quiz is still open.
    expect((await me('GET', '/api/progress')).json().stages[0].topics[0]).toEqual({
      id: 'alpha-one',
      status: 'not_started',
      source: null,
    });

    // Quiz: no answers before an attempt; a wrong attempt reveals them with explanations.
    const quiz = await me('GET', '/api/quizzes/alpha-one-quiz');
    expect(quiz.json().questions[0]).toEqual({
      id: 'secret-question',
      type: 'single',
      prompt: 'Which choice is the secret answer?',
      choices: [
        { id: 'a', text: 'The first' },
        { id: 'b', text: 'The second' },
      ],
    });
    expect(quiz.body).not.toContain('SECRET-EXPLANATION');
    const wrong = (
      await me('POST', '/api/quizzes/alpha-one-quiz/attempts', { answers: { 'secret-question': 'a' } }, headers)
    ).json();
    expect(wrong).toMatchObject({ correct: 0, total: 1, passed: false, topicCompleted: false });
    expect(wrong.questions[0]).toMatchObject({ correct: false, given: 'a', correctAnswer: 'b' });
    expect(wrong.questions[0].choices[0].explanation).toBe('SECRET-EXPLANATION-A');
    const right = (
      await me('POST', '/api/quizzes/alpha-one-quiz/attempts', { answers: { 'secret-question': 'b' } }, headers)
    ).json();
    expect(right).toMatchObject({ correct: 1, passed: true, topicCompleted: true });

    // Exercise and quiz passed: the topic is done automatically and the stage is half complete.
    const progress = (await me('GET', '/api/progress')).json();
    expect(progress.stages[0]).toMatchObject({ id: 'alpha', done: 1, passed: 1, total: 2, percent: 50 });
    expect(progress.stages[0].topics[0]).toEqual({ id: 'alpha-one', status: 'done', source: 'graded' });

    // Review: the question answered today is due today; rating it "easy" pushes it out.
    const due = (await me('GET', '/api/review', undefined, headers)).json();
    expect(due.items.map((i: { key: string }) => i.key)).toEqual(['alpha-one-quiz.secret-question']);
    expect(JSON.stringify(due)).not.toContain('SECRET-EXPLANATION');
    const answered = (
      await me('POST', '/api/review/alpha-one-quiz.secret-question', { rating: 'easy' }, headers)
    ).json();
    expect(Date.parse(answered.due) - Date.now()).toBeGreaterThan(20 * 3600 * 1000);
    expect((await me('GET', '/api/review', undefined, headers)).json().count).toBe(0);

    // alpha-two has no graded work: marking it done by hand is self-reported. The credential rests on
    // the stage's graded work (the exercise and the quiz above), which has all passed.
    await me('PUT', '/api/progress/topics/alpha-two', { status: 'done' }, headers);
    expect((await me('GET', '/api/progress')).json().stages[0]).toMatchObject({ done: 2, passed: 1, percent: 100 });
    const creds = (await me('GET', '/api/credentials')).json().items;
    expect(creds).toHaveLength(1);
    expect(creds[0]).toMatchObject({ stageId: 'alpha', stageTitle: 'Alpha stage' });

    // Anyone can verify it offline with the published JWKS and a standard JWT library.
    const { jwt } = (await t.app.inject({ method: 'GET', url: `/api/credentials/${creds[0].id}` })).json();
    const jwks = createLocalJWKSet((await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json());
    const { payload, protectedHeader } = await jwtVerify(jwt, jwks, { issuer: 'http://127.0.0.1:3000' });
    expect(protectedHeader.alg).toBe('EdDSA');
    const vc = payload.vc as {
      type: string[];
      credentialSubject: { name: string; achievement: { name: string } };
      evidence: { itemId: string; passedAt: string; sha256: string }[];
    };
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    // The evidence lists the graded work passed here (the SQL exercise and the quiz above), each with
    // when it passed and a SHA-256 of the passing submission or answers.
    expect(vc.evidence.map((e) => e.itemId)).toEqual(['alpha-sql', 'alpha-one-quiz']);
    expect(vc.evidence[0]!.sha256).toBe(createHash('sha256').update('SELECT name FROM people;').digest('hex'));
    expect(vc.evidence.every((e) => !Number.isNaN(Date.parse(e.passedAt)))).toBe(true);
    expect(vc.credentialSubject.name).toBe('Ada Lovelace');
    expect(vc.credentialSubject.achievement.name).toBe('Alpha stage');

    // Tampered: a claim changed under the same signature, or the signature itself altered.
    const [h, p, s] = jwt.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...decodeJwt(jwt), sub: 'urn:backpath:learner:someone-else' }),
    ).toString('base64url');
    await expect(jwtVerify(`${h}.${forged}.${s}`, jwks)).rejects.toThrow(/signature/i);
    const flipped = `${s!.slice(0, 10)}${s![10] === 'A' ? 'B' : 'A'}${s!.slice(11)}`;
    await expect(jwtVerify(`${h}.${p}.${flipped}`, jwks)).rejects.toThrow(/signature/i);

    // Portfolio: nothing public until published; then only the chosen sections.
    await me('PUT', '/api/portfolio', { handle: 'ada-l', published: false });
    expect((await t.app.inject({ method: 'GET', url: '/api/portfolio/ada-l' })).statusCode).toBe(404);
    await me('PUT', '/api/portfolio', { handle: 'ada-l', published: true, showExercises: false, displayName: 'Ada' });
    const profile = (await t.app.inject({ method: 'GET', url: '/api/portfolio/ada-l' })).json();
    expect(profile.stages).toMatchObject({
      completed: 1,
      total: 2,
      items: [{ id: 'alpha', credentialUrl: creds[0].url }],
    });
    expect(profile).not.toHaveProperty('exercises');
    const badge = await t.app.inject({ method: 'GET', url: '/api/portfolio/ada-l/badge.svg' });
    expect(badge.headers['content-type']).toContain('image/svg+xml');
    expect(badge.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(badge.body).toContain('1/2 stages');

    // The dashboard sums it up; today's activity counts towards a streak in the learner's zone.
    const dash = (await me('GET', '/api/dashboard', undefined, headers)).json();
    expect(dash.completion).toEqual({ done: 2, total: 3, percent: 67 });
    expect(dash.streak).toMatchObject({ current: 1, activeToday: true });
    expect(dash.nextTopic).toMatchObject({ id: 'beta-one' });
    expect(dash.recentSubmissions[0].id).toBe(passing.json().id);
    const activity = (await me('GET', '/api/activity', undefined, headers)).json();
    expect(activity.days).toHaveLength(1);
    expect(activity.days[0].count).toBeGreaterThanOrEqual(5);

    // Export, then import into a fresh account: the same progress, submissions kept.
    const exported = (await me('GET', '/api/me/learning-export')).json();
    expect(exported).toMatchObject({ format: 'backpath-learning-export', version: 2 });
    expect(exported.submissions).toHaveLength(3);
    const other = as(t.app, await signUp(t.app));
    const imported = (await other('POST', '/api/me/learning-import', exported)).json();
    expect(imported.imported).toMatchObject({ progress: 2, submissions: 3, quizAttempts: 2 });
    expect((await other('GET', '/api/progress')).json().overall).toEqual({ done: 2, total: 3, percent: 67 });
    expect((await other('POST', '/api/me/learning-import', exported)).json().imported.submissions).toBe(0);
  });
});

describe('bad input gets a clear 4xx', () => {
  it('unknown exercise, oversize submission, wrong kind of answer, answers for another quiz', async () => {
    const me = as(t.app, await signUp(t.app));
    const unknown = await me('POST', '/api/exercises/no-such-exercise/submissions', { code: 'SELECT 1' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
    expect((await me('GET', '/api/exercises/no-such-exercise')).statusCode).toBe(404);

    const huge = await me('POST', '/api/exercises/alpha-sql/submissions', { code: `-- ${'x'.repeat(70 * 1024)}` });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.details).toEqual({ limitBytes: 65536 });

    const kind = await me('POST', '/api/quizzes/alpha-one-quiz/attempts', {
      answers: { 'secret-question': ['a', 'b'] },
    });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().error.details.problems[0]).toContain('single-choice');

    const foreign = await me('POST', '/api/quizzes/alpha-one-quiz/attempts', { answers: { 'where-vs-having': 'a' } });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details).toEqual({ unknownQuestions: ['where-vs-having'] });

    expect((await me('POST', '/api/quizzes/no-such-quiz/attempts', { answers: {} })).statusCode).toBe(404);
    expect((await me('POST', '/api/exercises/alpha-sql/submissions', { code: 1 })).statusCode).toBe(400);
    expect((await me('POST', '/api/exercises/alpha-sql/submissions', { code: 'x', mode: 'later' })).statusCode).toBe(
      400,
    );
    expect((await me('GET', '/api/exercises/alpha-sql/submissions?cursor=bm9wZQ')).statusCode).toBe(400);
    expect((await me('POST', '/api/review/alpha-one-quiz.secret-question', { rating: 'good' })).statusCode).toBe(404);
    expect((await me('GET', '/api/activity', undefined, { 'x-time-zone': 'Not/AZone' })).statusCode).toBe(400);
    // Nothing above reached the database as a submission.
    const [row] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM submissions WHERE code LIKE $1', [
      '-- x%',
    ]);
    expect(row!.n).toBe(0);
  });
});
