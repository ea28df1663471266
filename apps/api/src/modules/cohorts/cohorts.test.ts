/**
 * Authorization of learner data: a mentor sees only current members of their cohorts, a learner
 * only themself; review comments are sanitised and threaded; a public profile shows only what was
 * published.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithRole, type SignedUp, signUp } from '../../test/auth-helpers.ts';
import { as, buildLearningTestApp, type LearningTestApp } from '../progress/learning-test-app.ts';

let t: LearningTestApp;
beforeAll(async () => {
  t = await buildLearningTestApp();
});
afterAll(() => t.close());

/** A graded submission stored directly: these tests are about who may read it, not grading. */
async function storedSubmission(who: SignedUp): Promise<string> {
  const id = randomUUID();
  await t.db.query(
    `INSERT INTO submissions (id, user_id, exercise_id, mode, code, status, verdict, result, content_version, graded_at)
     VALUES ($1, $2, 'alpha-sql', 'submit', 'SELECT name FROM people', 'graded', 'pass', '{"version":1,"status":"pass","message":"ok","tests":[],"durationMs":1}', 'fixture-1', now())`,
    [id, who.user.id],
  );
  return id;
}

describe('cohorts', () => {
  it('only mentors and admins create cohorts', async () => {
    const learner = as(t.app, await signUp(t.app));
    expect((await learner('POST', '/api/cohorts', { name: 'Mine' })).statusCode).toBe(403);
    const admin = as(t.app, await createUserWithRole(t.app, t.db, 'admin'));
    expect((await admin('POST', '/api/cohorts', { name: 'Admin cohort' })).statusCode).toBe(201);
  });

  it('a mentor sees members only while they are members, and never anyone else', async () => {
    const mentorUser = await createUserWithRole(t.app, t.db, 'mentor');
    const mentor = as(t.app, mentorUser);
    const aliceUser = await signUp(t.app, { name: 'Alice' });
    const bobUser = await signUp(t.app, { name: 'Bob' });
    const alice = as(t.app, aliceUser);
    const bob = as(t.app, bobUser);

    const cohort = (await mentor('POST', '/api/cohorts', { name: 'Spring' })).json();
    expect(cohort.inviteUrl).toContain(cohort.inviteToken);
    const joined = (await alice('POST', '/api/cohorts/join', { token: cohort.inviteToken })).json();
    expect(joined).toEqual({ id: cohort.id, name: 'Spring', role: 'learner' });
    expect((await bob('POST', '/api/cohorts/join', { token: 'not-a-real-token-at-all' })).statusCode).toBe(404);

    await alice('PUT', '/api/progress/topics/alpha-one', { status: 'done' });
    const aliceSub = await storedSubmission(aliceUser);
    const bobSub = await storedSubmission(bobUser);

    // The mentor sees Alice (a member) ...
    const view = (await mentor('GET', `/api/cohorts/${cohort.id}`)).json();
    expect(view.members).toEqual([
      expect.objectContaining({ id: aliceUser.user.id, name: 'Alice', completion: { done: 1, total: 3, percent: 33 } }),
    ]);
    const progress = await mentor('GET', `/api/cohorts/${cohort.id}/members/${aliceUser.user.id}/progress`);
    expect(progress.json().overall.done).toBe(1);
    const subs = (await mentor('GET', `/api/cohorts/${cohort.id}/members/${aliceUser.user.id}/submissions`)).json();
    expect(subs).toEqual({ items: [expect.objectContaining({ id: aliceSub })], nextCursor: null });
    const older = await storedSubmission(aliceUser);
    const paged = `/api/cohorts/${cohort.id}/members/${aliceUser.user.id}/submissions?limit=1`;
    const page1 = (await mentor('GET', paged)).json();
    expect(page1.items).toHaveLength(1);
    const page2 = (await mentor('GET', `${paged}&cursor=${page1.nextCursor}`)).json();
    expect([...page1.items, ...page2.items].map((s: { id: string }) => s.id).sort()).toEqual([aliceSub, older].sort());
    expect(page2.nextCursor).toBeNull();
    expect((await mentor('GET', `/api/submissions/${aliceSub}`)).statusCode).toBe(200);

    // ... but not Bob, who never joined, by any route.
    expect((await mentor('GET', `/api/cohorts/${cohort.id}/members/${bobUser.user.id}/progress`)).statusCode).toBe(404);
    expect((await mentor('GET', `/api/submissions/${bobSub}`)).statusCode).toBe(404);
    expect((await mentor('POST', `/api/submissions/${bobSub}/comments`, { body: 'hi' })).statusCode).toBe(404);

    // A learner sees only themself: not the members, not another learner's work.
    expect((await alice('GET', `/api/cohorts/${cohort.id}`)).json()).not.toHaveProperty('members');
    expect((await alice('GET', `/api/cohorts/${cohort.id}/members/${aliceUser.user.id}/progress`)).statusCode).toBe(
      404,
    );
    expect((await alice('GET', `/api/submissions/${bobSub}`)).statusCode).toBe(404);
    expect((await bob('GET', `/api/submissions/${aliceSub}`)).statusCode).toBe(404);
    expect((await bob('GET', `/api/cohorts/${cohort.id}`)).statusCode).toBe(404);

    // Comments: sanitised Markdown, threaded, visible to the learner.
    const comment = await mentor('POST', `/api/submissions/${aliceSub}/comments`, {
      body: 'Nice **work**. <script>alert(1)</script> [x](javascript:alert(1))',
    });
    expect(comment.statusCode).toBe(201);
    expect(comment.json().html).toContain('<strong>work</strong>');
    expect(comment.json().html).not.toMatch(/<script|javascript:/);
    const reply = await alice('POST', `/api/submissions/${aliceSub}/comments`, {
      body: 'Thanks!',
      parentId: comment.json().id,
    });
    expect(reply.statusCode).toBe(201);
    const thread = (await alice('GET', `/api/submissions/${aliceSub}/comments`)).json().items;
    expect(thread).toHaveLength(1);
    expect(thread[0].author.id).toBe(mentorUser.user.id);
    expect(thread[0].replies.map((r: { body: string }) => r.body)).toEqual(['Thanks!']);

    // Alice leaves: the mentor's view of her ends at once.
    expect((await alice('DELETE', `/api/cohorts/${cohort.id}/members/${aliceUser.user.id}`)).statusCode).toBe(204);
    expect((await mentor('GET', `/api/cohorts/${cohort.id}/members/${aliceUser.user.id}/progress`)).statusCode).toBe(
      404,
    );
    expect((await mentor('GET', `/api/submissions/${aliceSub}`)).statusCode).toBe(404);
    expect((await mentor('GET', `/api/submissions/${aliceSub}/comments`)).statusCode).toBe(404);
    expect((await mentor('GET', `/api/cohorts/${cohort.id}`)).json().members).toEqual([]);
  });

  it("a mentor whose role is taken away no longer sees the cohort's learners", async () => {
    const mentorUser = await createUserWithRole(t.app, t.db, 'mentor');
    const mentor = as(t.app, mentorUser);
    const learnerUser = await signUp(t.app);
    const cohort = (await mentor('POST', '/api/cohorts', { name: 'Autumn' })).json();
    await as(t.app, learnerUser)('POST', '/api/cohorts/join', { token: cohort.inviteToken });
    const sub = await storedSubmission(learnerUser);
    expect((await mentor('GET', `/api/submissions/${sub}`)).statusCode).toBe(200);

    const admin = as(t.app, await createUserWithRole(t.app, t.db, 'admin'));
    const demoted = await admin('PUT', `/api/admin/users/${mentorUser.user.id}/role`, { role: 'learner' });
    expect(demoted.statusCode).toBe(200);
    expect((await mentor('GET', `/api/submissions/${sub}`)).statusCode).toBe(404);
    expect((await mentor('GET', `/api/submissions/${sub}/comments`)).statusCode).toBe(404);
    expect((await mentor('POST', `/api/submissions/${sub}/comments`, { body: 'still here?' })).statusCode).toBe(404);
    expect(
      (await mentor('GET', `/api/cohorts/${cohort.id}/members/${learnerUser.user.id}/progress`)).statusCode,
    ).not.toBe(200);
  });
});

describe('public portfolio', () => {
  it('shows nothing the learner did not publish', async () => {
    const who = await signUp(t.app);
    const me = as(t.app, who);
    await me('PUT', '/api/progress/topics/beta-one', { status: 'done' });
    await storedSubmission(who);
    await me('PUT', '/api/topics/beta-one/notes', { body: 'PRIVATE-NOTE' });

    expect((await t.app.inject({ method: 'GET', url: '/api/portfolio/grace-h' })).statusCode).toBe(404);
    await me('PUT', '/api/portfolio', {
      handle: 'grace-h',
      published: true,
      showStages: false,
      showExercises: false,
      showProjects: false,
    });
    const bare = await t.app.inject({ method: 'GET', url: '/api/portfolio/grace-h' });
    expect(bare.json()).toEqual({ handle: 'grace-h', displayName: 'grace-h', bio: null });
    expect(bare.body).not.toContain('PRIVATE-NOTE');

    await me('PUT', '/api/portfolio', { handle: 'grace-h', published: true, showExercises: true });
    const full = (await t.app.inject({ method: 'GET', url: '/api/portfolio/grace-h' })).json();
    expect(full.exercises).toMatchObject({ solved: 1, items: [{ id: 'alpha-sql' }] });
    // beta-one was only marked done by hand: self-reported, so no stage counts as completed (ADR 012).
    expect(full.stages).toEqual({ completed: 0, total: 2, items: [] });

    // Another account cannot take the handle; unpublishing hides everything again.
    const other = as(t.app, await signUp(t.app));
    expect((await other('PUT', '/api/portfolio', { handle: 'Grace-H', published: true })).statusCode).toBe(409);
    await me('PUT', '/api/portfolio', { handle: 'grace-h', published: false });
    expect((await t.app.inject({ method: 'GET', url: '/api/portfolio/grace-h' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/portfolio/grace-h/badge.svg' })).statusCode).toBe(404);
  });
});

describe('the OpenAPI document', () => {
  it('describes every learning endpoint', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const paths = Object.keys(doc.paths);
    for (const p of [
      '/api/progress',
      '/api/progress/topics/{topicId}',
      '/api/exercises/{id}',
      '/api/exercises/{id}/submissions',
      '/api/exercises/{id}/submissions/best',
      '/api/submissions/{id}',
      '/api/submissions/{id}/events',
      '/api/submissions/{id}/comments',
      '/api/quizzes/{id}/attempts',
      '/api/review/{questionKey}',
      '/api/topics/{topicId}/notes',
      '/api/topics/{topicId}/links',
      '/api/activity',
      '/api/dashboard',
      '/api/portfolio/{handle}/badge.svg',
      '/.well-known/jwks.json',
      '/api/credentials/{id}',
      '/api/cohorts/join',
      '/api/cohorts/{id}/members/{userId}/progress',
      '/api/me/learning-import',
      '/api/projects/{projectId}/reports',
    ]) {
      expect(paths).toContain(p);
    }
    expect(doc.paths['/api/exercises/{id}/submissions'].post.requestBody).toBeDefined();
  });
});
