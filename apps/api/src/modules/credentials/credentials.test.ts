/**
 * Credentials prove graded work (ADR 012), through the API with the real graders: topics marked
 * done by hand stay self-reported and earn nothing; passing a topic's exercises and quiz marks it
 * done as passed; passing all of a stage's graded work issues a credential whose signed evidence
 * lists each item with when it passed and a SHA-256 of the work; imported work does not count;
 * and a credential issued before the rule is revoked at start-up (the public link says so and why)
 * unless its evidence holds, in which case it is re-signed with that evidence.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Curriculum } from '@backpath/curriculum';
import { createGraders, type Graders } from '@backpath/graders';
import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedUp, signUp } from '../../test/auth-helpers.ts';
import { loadFixtureCurriculum } from '../../test/build-test-app.ts';
import { as, buildLearningTestApp, type LearningTestApp } from '../progress/learning-test-app.ts';
import { loadSigningKey } from './signing-key.ts';

const ISSUER = 'https://learn.example.org';
const PASSING_SQL = 'SELECT name FROM people;';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

let graders: Graders;
let t: LearningTestApp;
beforeAll(async () => {
  graders = createGraders();
  await graders.ready();
  t = await buildLearningTestApp({ graders, env: { PUBLIC_URL: ISSUER } });
});
afterAll(async () => {
  await t?.close();
  await graders?.close();
});

type Me = ReturnType<typeof as>;

async function submitAndWait(me: Me, exerciseId: string, code: string) {
  const res = await me('POST', `/api/exercises/${exerciseId}/submissions`, { code, mode: 'submit' });
  expect(res.statusCode).toBe(202);
  for (let i = 0; i < 400; i++) {
    const s = (await me('GET', `/api/submissions/${res.json().id}`)).json();
    if (s.status === 'graded' || s.status === 'failed') return s;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the submission was not graded in time');
}

/** Passes all of stage alpha's graded work: its one SQL exercise and its one quiz. */
async function passAlpha(me: Me) {
  expect((await submitAndWait(me, 'alpha-sql', PASSING_SQL)).result.status).toBe('pass');
  const quiz = await me('POST', '/api/quizzes/alpha-one-quiz/attempts', { answers: { 'secret-question': 'b' } });
  expect(quiz.json()).toMatchObject({ passed: true });
  return quiz.json();
}

const topicOf = (progress: { stages: { topics: { id: string }[] }[] }, id: string) =>
  progress.stages.flatMap((s) => s.topics).find((x) => x.id === id);

describe('a topic marked done by hand', () => {
  it('is self-reported, and doing it for every topic issues no credential', async () => {
    const who = await signUp(t.app, { name: 'Manual Marker' });
    const me = as(t.app, who);
    for (const topic of ['alpha-one', 'alpha-two', 'beta-one']) {
      const res = await me('PUT', `/api/progress/topics/${topic}`, { status: 'done' });
      expect(res.json()).toEqual({ topicId: topic, status: 'done', source: 'self' });
    }
    const progress = (await me('GET', '/api/progress')).json();
    expect(progress.overall).toMatchObject({ done: 3, total: 3 });
    expect(progress.stages.map((s: { passed: number }) => s.passed)).toEqual([0, 0]);
    expect(topicOf(progress, 'alpha-one')).toEqual({ id: 'alpha-one', status: 'done', source: 'self' });

    expect((await me('GET', '/api/credentials')).json()).toEqual({ items: [] });
    const [alpha, beta] = (await me('GET', '/api/credentials/checklist')).json().stages;
    expect(alpha).toMatchObject({ stageId: 'alpha', complete: false, passed: 0, total: 2, credential: null });
    expect(alpha.items.map((i: { kind: string; id: string; passed: boolean }) => [i.kind, i.id, i.passed])).toEqual([
      ['exercise', 'alpha-sql', false],
      ['quiz', 'alpha-one-quiz', false],
    ]);
    // A stage without graded work has nothing to prove: no credential, however many topics are ticked.
    expect(beta).toMatchObject({ stageId: 'beta', complete: false, total: 0, items: [] });

    // The public profile counts no stage and the badge says 0.
    await me('PUT', '/api/portfolio', { handle: `manual-${who.user.id.slice(0, 8)}`, published: true });
    const profile = (
      await t.app.inject({ method: 'GET', url: `/api/portfolio/manual-${who.user.id.slice(0, 8)}` })
    ).json();
    expect(profile.stages).toEqual({ completed: 0, total: 2, items: [] });
    const badge = await t.app.inject({
      method: 'GET',
      url: `/api/portfolio/manual-${who.user.id.slice(0, 8)}/badge.svg`,
    });
    expect(badge.body).toContain('0/2 stages');
  });
});

describe('graded work', () => {
  it('marks a topic done as passed once every exercise and its quiz pass (a self-reported done is upgraded)', async () => {
    const me = as(t.app, await signUp(t.app));
    await me('PUT', '/api/progress/topics/alpha-one', { status: 'done' });
    // A wrong answer and a failing query are not evidence.
    expect((await submitAndWait(me, 'alpha-sql', 'SELECT 1;')).result.status).toBe('fail');
    await me('POST', '/api/quizzes/alpha-one-quiz/attempts', { answers: { 'secret-question': 'a' } });
    expect(topicOf((await me('GET', '/api/progress')).json(), 'alpha-one')).toMatchObject({ source: 'self' });

    expect((await submitAndWait(me, 'alpha-sql', PASSING_SQL)).result.status).toBe('pass');
    // The exercise alone is not the whole topic: the quiz is still open.
    expect(topicOf((await me('GET', '/api/progress')).json(), 'alpha-one')).toMatchObject({ source: 'self' });
    const quiz = await me('POST', '/api/quizzes/alpha-one-quiz/attempts', { answers: { 'secret-question': 'b' } });
    expect(quiz.json()).toMatchObject({ passed: true, topicCompleted: true });
    const progress = (await me('GET', '/api/progress')).json();
    expect(topicOf(progress, 'alpha-one')).toEqual({ id: 'alpha-one', status: 'done', source: 'graded' });
    expect(progress.stages[0]).toMatchObject({ done: 1, passed: 1 });

    // Setting "done" by hand on a topic whose work has passed keeps it graded.
    expect((await me('PUT', '/api/progress/topics/alpha-one', { status: 'done' })).json().source).toBe('graded');
  });

  it('issues a stage credential whose signed evidence lists each item, when it passed and a hash of the work', async () => {
    const who = await signUp(t.app, { name: 'Grace Hopper' });
    const me = as(t.app, who);
    const before = Date.now();
    await passAlpha(me);

    const items = (await me('GET', '/api/credentials')).json().items;
    expect(items).toHaveLength(1);
    const cred = items[0];
    expect(cred).toMatchObject({ stageId: 'alpha', status: 'valid', revokedAt: null, revokedReason: null });
    const answersHash = sha256(JSON.stringify({ 'secret-question': 'b' }));
    expect(cred.evidence).toEqual([
      expect.objectContaining({
        kind: 'exercise',
        id: 'alpha-sql',
        topicId: 'alpha-one',
        passed: true,
        sha256: sha256(PASSING_SQL),
      }),
      expect.objectContaining({
        kind: 'quiz',
        id: 'alpha-one-quiz',
        topicId: 'alpha-one',
        passed: true,
        sha256: answersHash,
      }),
    ]);
    for (const e of cred.evidence) expect(Date.parse(e.passedAt)).toBeGreaterThanOrEqual(before - 1000);

    // The public link serves the same evidence, and the JWT carries it under the instance's signature.
    const pub = (await t.app.inject({ method: 'GET', url: `/api/credentials/${cred.id}` })).json();
    expect(pub).toMatchObject({ id: cred.id, status: 'valid', evidence: cred.evidence, issuer: ISSUER });
    const jwks = createLocalJWKSet((await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json());
    const { payload } = await jwtVerify(pub.jwt, jwks, { issuer: ISSUER });
    const vc = payload.vc as {
      credentialSubject: { name: string; achievement: { criteria: { narrative: string } } };
      evidence: { name: string; narrative: string; itemId: string; passedAt: string; sha256: string }[];
    };
    expect(vc.credentialSubject.name).toBe('Grace Hopper');
    expect(vc.credentialSubject.achievement.criteria.narrative).toMatch(/^Passed every graded exercise and every quiz/);
    expect(vc.evidence.map((e) => [e.itemId, e.sha256, e.passedAt])).toEqual(
      cred.evidence.map((e: { id: string; sha256: string; passedAt: string }) => [e.id, e.sha256, e.passedAt]),
    );
    expect(vc.evidence[0]!.narrative).toContain(`SHA-256 of the passing submission: ${sha256(PASSING_SQL)}`);
    expect(vc.evidence.map((e) => e.name)).toEqual(['Exercise: Select every name', 'Quiz: Topic alpha-one']);

    // Listing again issues nothing new; the checklist shows the stage as earned.
    expect((await me('GET', '/api/credentials')).json().items.map((c: { id: string }) => c.id)).toEqual([cred.id]);
    const [alpha] = (await me('GET', '/api/credentials/checklist')).json().stages;
    expect(alpha).toMatchObject({ complete: true, passed: 2, total: 2, credential: { id: cred.id } });
  });

  it('does not count imported submissions and quiz attempts', async () => {
    const source = as(t.app, await signUp(t.app));
    await passAlpha(source);
    const exported = (await source('GET', '/api/me/learning-export')).json();
    const me = as(t.app, await signUp(t.app));
    expect((await me('POST', '/api/me/learning-import', exported)).statusCode).toBe(200);

    const progress = (await me('GET', '/api/progress')).json();
    expect(topicOf(progress, 'alpha-one')).toEqual({ id: 'alpha-one', status: 'done', source: 'imported' });
    expect(progress.stages[0].passed).toBe(0);
    expect((await me('GET', '/api/credentials')).json().items).toEqual([]);
    const [alpha] = (await me('GET', '/api/credentials/checklist')).json().stages;
    expect(alpha).toMatchObject({ complete: false, passed: 0 });
  });
});

describe('credentials issued before the evidence rule', () => {
  /** A credential row as the old code wrote it: signed, no evidence, nothing revoked. */
  async function legacyCredential(db: LearningTestApp['db'], who: SignedUp, stageId: string) {
    const id = randomUUID();
    const key = await loadSigningKey(db);
    const jwt = await new SignJWT({
      vc: { evidence: [{ narrative: 'Exercises passed 0 of 1. Quizzes passed: 0 of 1.' }] },
    })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
      .setIssuer(ISSUER)
      .setIssuedAt()
      .sign(key.privateKey);
    await db.query('INSERT INTO credentials (id, user_id, stage_id, jwt) VALUES ($1, $2, $3, $4)', [
      id,
      who.user.id,
      stageId,
      jwt,
    ]);
    return id;
  }

  it('are revoked at start-up when the evidence does not hold, and re-signed when it does', async () => {
    const manual = await signUp(t.app, { name: 'Old Manual' });
    const earned = await signUp(t.app, { name: 'Old Earned' });
    await passAlpha(as(t.app, earned));
    const stale = await legacyCredential(t.db, manual, 'alpha');
    const good = await legacyCredential(t.db, earned, 'alpha');

    // A second process starts on the same database: its start-up check audits both.
    const restarted = await buildLearningTestApp({ graders, db: t.db, env: { PUBLIC_URL: ISSUER } });
    try {
      const rows = await t.db.query<{ id: string; revoked_at: unknown; revoked_reason: string | null }>(
        'SELECT id, revoked_at, revoked_reason FROM credentials WHERE id = ANY($1::text[])',
        [[stale, good]],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(byId.get(stale)!.revoked_at).not.toBeNull();
      expect(byId.get(stale)!.revoked_reason).toContain('exercises passed 0 of 1, quizzes passed 0 of 1');
      expect(byId.get(good)!.revoked_at).toBeNull();

      // The public verifier says revoked, and why.
      const revoked = (await restarted.app.inject({ method: 'GET', url: `/api/credentials/${stale}` })).json();
      expect(revoked).toMatchObject({ id: stale, status: 'revoked', evidence: [] });
      expect(revoked.revokedReason).toMatch(/^Issued before credentials required passed graded work/);
      expect(Date.parse(revoked.revokedAt)).not.toBeNaN();

      // The one whose work passed keeps its id and link, now signed with its evidence.
      const kept = (await restarted.app.inject({ method: 'GET', url: `/api/credentials/${good}` })).json();
      expect(kept).toMatchObject({ id: good, status: 'valid' });
      expect(kept.evidence.map((e: { id: string }) => e.id)).toEqual(['alpha-sql', 'alpha-one-quiz']);
      const jwks = createLocalJWKSet(
        (await restarted.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json(),
      );
      const { payload } = await jwtVerify(kept.jwt, jwks, { issuer: ISSUER });
      expect((payload.vc as { evidence: { sha256: string }[] }).evidence[0]!.sha256).toBe(sha256(PASSING_SQL));

      // The learner's list shows the revoked one; once the work passes, a new credential is issued.
      const me = as(restarted.app, manual);
      expect((await me('GET', '/api/credentials')).json().items).toMatchObject([{ id: stale, status: 'revoked' }]);
      await passAlpha(me);
      const after = (await me('GET', '/api/credentials')).json().items;
      expect(after.map((c: { id: string; status: string }) => [c.id === stale, c.status])).toEqual([
        [true, 'revoked'],
        [false, 'valid'],
      ]);
    } finally {
      await restarted.close();
    }
  });

  it('are checked before the public link vouches for one the start-up audit has not reached', async () => {
    const who = await signUp(t.app);
    const id = await legacyCredential(t.db, who, 'alpha');
    const res = await t.app.inject({ method: 'GET', url: `/api/credentials/${id}` });
    expect(res.json()).toMatchObject({ id, status: 'revoked' });
  });
});

describe('the practice stage', () => {
  /** The fixture with a two-stage capstone project: its last stage (beta) becomes the practice stage. */
  function withProject(): Curriculum {
    const c = loadFixtureCurriculum();
    const stage = (id: string, number: number) => ({
      id,
      number,
      title: `Mini stage ${number}`,
      description: 'A fixture capstone stage that the tests report as passed or failed.',
      roadmapStage: 'alpha',
    });
    c.projects.set('mini', {
      id: 'mini',
      title: 'Mini project',
      summary: 'A fixture capstone.',
      stages: [stage('mini-one', 1), stage('mini-two', 2)],
      file: 'mini/project.yaml',
    });
    return c;
  }

  it('needs every capstone stage passed by the tester, listed with the hash of the report', async () => {
    const p = await buildLearningTestApp({ curriculum: withProject(), env: { PUBLIC_URL: ISSUER } });
    try {
      const me = as(p.app, await signUp(p.app));
      const report = (passing: number) => ({
        version: 1,
        project: 'mini',
        passed: passing === 2,
        stages: [
          { number: 1, id: 'mini-one', status: passing >= 1 ? 'pass' : 'fail' },
          { number: 2, id: 'mini-two', status: passing >= 2 ? 'pass' : 'fail' },
        ],
      });
      await me('PUT', '/api/progress/topics/beta-one', { status: 'done' });
      expect((await me('POST', '/api/projects/mini/reports', { report: report(1) })).statusCode).toBe(201);
      let [, beta] = (await me('GET', '/api/credentials/checklist')).json().stages;
      expect(beta).toMatchObject({ stageId: 'beta', complete: false, passed: 1, total: 2 });
      expect(beta.items.map((i: { kind: string; id: string; passed: boolean }) => [i.kind, i.id, i.passed])).toEqual([
        ['project-stage', 'mini-one', true],
        ['project-stage', 'mini-two', false],
      ]);

      await me('POST', '/api/projects/mini/reports', { report: report(2) });
      [, beta] = (await me('GET', '/api/credentials/checklist')).json().stages;
      expect(beta).toMatchObject({ complete: true, credential: { stageId: 'beta', status: 'valid' } });
      // Each capstone stage's evidence is the first report that passed it, hashed as canonical JSON.
      const firstReport =
        '{"passed":false,"project":"mini","stages":[{"id":"mini-one","number":1,"status":"pass"},' +
        '{"id":"mini-two","number":2,"status":"fail"}],"version":1}';
      const secondReport = firstReport
        .replace('"passed":false', '"passed":true')
        .replace('"number":2,"status":"fail"', '"number":2,"status":"pass"');
      expect(beta.credential.evidence).toEqual([
        expect.objectContaining({
          kind: 'project-stage',
          id: 'mini-one',
          projectId: 'mini',
          sha256: sha256(firstReport),
        }),
        expect.objectContaining({
          kind: 'project-stage',
          id: 'mini-two',
          projectId: 'mini',
          sha256: sha256(secondReport),
        }),
      ]);
    } finally {
      await p.close();
    }
  });
});
