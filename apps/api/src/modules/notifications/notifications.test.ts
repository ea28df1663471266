/**
 * Notifications through the API on the real app: a mentor's comment notifies the submission's
 * owner, a reply notifies the parent comment's author, nobody hears about their own words; a kind
 * switched off creates nothing; mark-read, read-all, the unread filter and paging work; one
 * learner can neither see nor mark another's (404); bad input is a 400 in the one error shape;
 * review cards due notify once a day; a credential issued notifies once.
 */
import { randomUUID } from 'node:crypto';
import { createGraders, type Graders } from '@backpath/graders';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createCache } from '../../lib/cache.ts';
import { createUserWithRole, type SignedUp, signUp } from '../../test/auth-helpers.ts';
import { FIXTURE_CONTENT, loadFixtureCurriculum } from '../../test/build-test-app.ts';
import { ContentIndex } from '../progress/content-index.ts';
import type { LearningContext } from '../progress/learning-context.ts';
import { as, buildLearningTestApp, type LearningTestApp } from '../progress/learning-test-app.ts';
import { ReviewService } from '../review/review.service.ts';
import { NotificationsService } from './notifications.service.ts';
import { excerpt } from './notify.ts';

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

type Me = ReturnType<typeof as>;
interface Item {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  readAt: string | null;
}

/** A graded submission stored directly: these tests are about who hears of comments, not grading. */
async function storedSubmission(who: SignedUp): Promise<string> {
  const id = randomUUID();
  await t.db.query(
    `INSERT INTO submissions (id, user_id, exercise_id, mode, code, status, verdict, result, content_version, graded_at)
     VALUES ($1, $2, 'alpha-sql', 'submit', 'SELECT name FROM people', 'graded', 'pass', '{"version":1,"status":"pass","message":"ok","tests":[],"durationMs":1}', 'fixture-1', now())`,
    [id, who.user.id],
  );
  return id;
}

async function items(me: Me, query = ''): Promise<Item[]> {
  const res = await me('GET', `/api/notifications${query}`);
  expect(res.statusCode).toBe(200);
  return res.json().items;
}
const unread = async (me: Me) => (await me('GET', '/api/notifications/unread-count')).json().count as number;

/** A mentor and a learner in one cohort, and a submission of the learner's. */
async function mentorAndLearner() {
  const mentorUser = await createUserWithRole(t.app, t.db, 'mentor');
  const learnerUser = await signUp(t.app, { name: 'Ada Learner' });
  const mentor = as(t.app, mentorUser);
  const learner = as(t.app, learnerUser);
  const cohort = (await mentor('POST', '/api/cohorts', { name: 'Notified' })).json();
  expect((await learner('POST', '/api/cohorts/join', { token: cohort.inviteToken })).statusCode).toBe(200);
  return { mentorUser, learnerUser, mentor, learner, submission: await storedSubmission(learnerUser) };
}

const comment = async (me: Me, submission: string, body: string, parentId?: string) => {
  const res = await me('POST', `/api/submissions/${submission}/comments`, { body, ...(parentId ? { parentId } : {}) });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
};

describe('comments', () => {
  it("a mentor's comment notifies the owner; replies notify the parent's author; never oneself", async () => {
    const { mentor, learner, submission } = await mentorAndLearner();
    expect(await unread(learner)).toBe(0);

    const first = await comment(mentor, submission, 'Good **join**.\n\nNow try   an index on `name`.');
    const [n] = await items(learner);
    expect(n).toMatchObject({
      kind: 'comment',
      title: 'Test mentor commented on your submission for “Select every name”',
      body: 'Good **join**. Now try an index on `name`.',
      link: '/exercises/alpha-sql',
      readAt: null,
    });
    expect(await unread(learner)).toBe(1);
    expect(await items(mentor)).toEqual([]);

    // The owner replies: the mentor hears of it, the owner does not hear of their own reply.
    const reply = await comment(learner, submission, 'Thanks, will do.', first);
    expect(await items(mentor)).toEqual([
      expect.objectContaining({ kind: 'reply', title: 'Ada Learner replied to your comment on “Select every name”' }),
    ]);
    expect(await unread(learner)).toBe(1);

    // The mentor answers the owner's reply: one "reply" for the owner, not a second "comment" too.
    await comment(mentor, submission, 'Great.', reply);
    const owner = await items(learner);
    expect(owner.map((i) => i.kind)).toEqual(['reply', 'comment']);
    expect(owner[0]?.link).toBe('/exercises/alpha-sql');

    // The owner's own top-level note and a reply to their own comment notify nobody.
    const own = await comment(learner, submission, 'Note to self');
    await comment(learner, submission, 'And another', own);
    expect(await unread(learner)).toBe(2);
    expect(await unread(mentor)).toBe(1);
  });

  it('long comments arrive as a short plain-text excerpt', () => {
    expect(excerpt('word '.repeat(100)).length).toBeLessThanOrEqual(140);
    expect(excerpt('word '.repeat(100)).endsWith('word…')).toBe(true);
    expect(excerpt('a\n\nb\t c')).toBe('a b c');
  });
});

describe('reading and marking', () => {
  it('marks one read, filters unread, pages newest first and marks all read', async () => {
    const { mentor, learner, submission } = await mentorAndLearner();
    const sent = [];
    for (const body of ['one', 'two', 'three']) sent.push(await comment(mentor, submission, body));
    const all = await items(learner);
    expect(all.map((i) => i.body)).toEqual(['three', 'two', 'one']);

    const read = await learner('POST', `/api/notifications/${all[1]!.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: all[1]!.id, readAt: expect.any(String) });
    // Marking again keeps the first time.
    expect((await learner('POST', `/api/notifications/${all[1]!.id}/read`)).json().readAt).toBe(read.json().readAt);
    expect(await unread(learner)).toBe(2);
    expect((await items(learner, '?unread=true')).map((i) => i.body)).toEqual(['three', 'one']);

    const page1 = (await learner('GET', '/api/notifications?limit=2')).json();
    expect(page1.items.map((i: Item) => i.body)).toEqual(['three', 'two']);
    const page2 = (await learner('GET', `/api/notifications?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2).toEqual({ items: [expect.objectContaining({ body: 'one' })], nextCursor: null });

    expect((await learner('POST', '/api/notifications/read-all')).json()).toEqual({ marked: 2 });
    expect(await unread(learner)).toBe(0);
    expect(await items(learner, '?unread=true')).toEqual([]);
    expect((await items(learner)).every((i) => i.readAt !== null)).toBe(true);
  });

  it("another learner can neither see nor mark someone's notifications", async () => {
    const { mentor, learner, submission } = await mentorAndLearner();
    await comment(mentor, submission, 'private words');
    const [mine] = await items(learner);
    const other = as(t.app, await signUp(t.app));
    expect(await items(other)).toEqual([]);
    expect(await unread(other)).toBe(0);
    const res = await other('POST', `/api/notifications/${mine!.id}/read`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: expect.stringContaining(mine!.id) } });
    expect((await other('POST', '/api/notifications/read-all')).json()).toEqual({ marked: 0 });
    expect(await unread(learner)).toBe(1);
    // A random id is the same 404: nothing tells the two apart.
    expect((await other('POST', `/api/notifications/${randomUUID()}/read`)).statusCode).toBe(404);
  });

  it('answers bad input with a 400 and a signed-out caller with a 401', async () => {
    const me = as(t.app, await signUp(t.app));
    for (const url of [
      '/api/notifications?unread=maybe',
      '/api/notifications?limit=0',
      '/api/notifications?limit=101',
      '/api/notifications?cursor=not-a-cursor',
      '/api/notifications?colour=red',
    ]) {
      const res = await me('GET', url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code, url).toBe('validation_failed');
    }
    expect((await me('POST', '/api/notifications/not-a-uuid/read')).statusCode).toBe(400);
    expect((await me('GET', '/api/notifications', undefined, { 'x-time-zone': 'Mars/Olympus' })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications/unread-count' })).statusCode).toBe(401);
  });
});

describe('preferences', () => {
  it('every kind is on by default; a kind switched off creates nothing, switched on again it does', async () => {
    const { mentor, learner, submission } = await mentorAndLearner();
    const on = { inApp: true };
    expect((await learner('GET', '/api/notifications/preferences')).json()).toEqual({
      comment: on,
      reply: on,
      review_due: on,
      credential: on,
    });
    const off = await learner('PUT', '/api/notifications/preferences', { comment: { inApp: false } });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toEqual({ comment: { inApp: false }, reply: on, review_due: on, credential: on });
    const first = await comment(mentor, submission, 'unheard');
    expect(await unread(learner)).toBe(0);
    // Other kinds still arrive.
    const mine = await comment(learner, submission, 'my question');
    await comment(mentor, submission, 'an answer', mine);
    expect((await items(learner)).map((i) => i.kind)).toEqual(['reply']);
    // Switching it back on does not resurrect what was missed, but new comments arrive.
    await learner('PUT', '/api/notifications/preferences', { comment: { inApp: true } });
    // A mentor following up in their own thread is still a comment on the owner's submission.
    await comment(mentor, submission, 'heard', first);
    await comment(mentor, submission, 'heard too');
    expect((await items(learner)).map((i) => [i.kind, i.body])).toEqual([
      ['comment', 'heard too'],
      ['comment', 'heard'],
      ['reply', 'an answer'],
    ]);
  });

  it('refuses an empty change, an unknown kind and a wrong type', async () => {
    const me = as(t.app, await signUp(t.app));
    for (const body of [
      {},
      { emails: { inApp: false } },
      { comment: { inApp: 'no' } },
      { comment: {} },
      { comment: true },
    ]) {
      const res = await me('PUT', '/api/notifications/preferences', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
  });
});

describe('review cards due', () => {
  const wrongAnswer = { answers: { 'secret-question': 'a' } };

  it('notify once a day, when the count is read, unless switched off', async () => {
    const who = await signUp(t.app);
    const me = as(t.app, who);
    expect((await me('POST', '/api/quizzes/alpha-one-quiz/attempts', wrongAnswer)).statusCode).toBe(200);
    expect((await me('GET', '/api/review?limit=0')).json().count).toBe(1);
    expect(await unread(me)).toBe(1);
    expect(await items(me)).toEqual([
      expect.objectContaining({ kind: 'review_due', title: '1 review card is due today', link: '/review' }),
    ]);
    expect(await unread(me)).toBe(1);

    const quiet = as(t.app, await signUp(t.app));
    await quiet('PUT', '/api/notifications/preferences', { review_due: { inApp: false } });
    await quiet('POST', '/api/quizzes/alpha-one-quiz/attempts', wrongAnswer);
    expect(await unread(quiet)).toBe(0);
  });

  it('looks again after a while, and still writes one per local day', async () => {
    const curriculum = loadFixtureCurriculum();
    const config = loadConfig({ LOG_LEVEL: 'silent', CONTENT_DIR: FIXTURE_CONTENT, WEB_DIST_DIR: '/nonexistent' });
    const ctx: LearningContext = {
      db: t.db,
      config,
      content: new ContentIndex(curriculum),
      cache: createCache(undefined),
    };
    let clock = Date.now();
    const service = new NotificationsService(ctx, new ReviewService(ctx), () => clock);
    const who = await signUp(t.app);
    const me = as(t.app, who);

    expect(await service.unreadCount(who.user.id)).toEqual({ count: 0 });
    await me('POST', '/api/quizzes/alpha-one-quiz/attempts', wrongAnswer);
    // Looked a moment ago: not again yet.
    expect(await service.unreadCount(who.user.id)).toEqual({ count: 0 });
    clock += 6 * 60_000;
    expect(await service.unreadCount(who.user.id)).toEqual({ count: 1 });
    await service.markAllRead(who.user.id);
    clock += 6 * 60_000;
    expect(await service.unreadCount(who.user.id)).toEqual({ count: 0 });
    // Another zone's "today" may be another date: that is a new day for this learner.
    const [days] = await t.db.query<{ n: number }>(
      `SELECT count(DISTINCT d)::int AS n FROM (VALUES ((now() AT TIME ZONE 'UTC')::date),
         ((now() AT TIME ZONE 'Pacific/Kiritimati')::date), ((now() AT TIME ZONE 'Pacific/Pago_Pago')::date)) v(d)`,
    );
    clock += 6 * 60_000;
    await service.unreadCount(who.user.id, 'Pacific/Kiritimati');
    clock += 6 * 60_000;
    await service.unreadCount(who.user.id, 'Pacific/Pago_Pago');
    const rows = await t.db.query('SELECT 1 FROM notifications WHERE user_id = $1', [who.user.id]);
    // Kiritimati (UTC+14) and Pago Pago (UTC-11) are always on different dates.
    expect(days!.n).toBeGreaterThanOrEqual(2);
    expect(rows).toHaveLength(days!.n);
    await ctx.cache.close();
  });
});

describe('credentials', () => {
  it('a credential issued notifies its learner once', async () => {
    const who = await signUp(t.app);
    const me = as(t.app, who);
    const submit = await me('POST', '/api/exercises/alpha-sql/submissions', {
      code: 'SELECT name FROM people;',
      mode: 'submit',
    });
    expect(submit.statusCode).toBe(202);
    for (let i = 0; i < 400; i++) {
      const s = (await me('GET', `/api/submissions/${submit.json().id}`)).json();
      if (s.status === 'graded' || s.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await me('POST', '/api/quizzes/alpha-one-quiz/attempts', { answers: { 'secret-question': 'b' } });
    const [credential] = (await me('GET', '/api/credentials')).json().items;
    expect(credential).toMatchObject({ stageId: 'alpha', status: 'valid' });
    await me('GET', '/api/credentials');
    await me('GET', '/api/credentials/checklist');
    const got = (await items(me)).filter((i) => i.kind === 'credential');
    expect(got).toEqual([
      expect.objectContaining({
        title: 'You earned the credential for “Alpha stage”',
        link: `/credentials/${credential.id}`,
      }),
    ]);
  });
});
