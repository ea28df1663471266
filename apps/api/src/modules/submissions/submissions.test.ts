/**
 * The grading lifecycle with a stand-in grader (the real one is exercised by the journey test):
 * rows left queued or grading by a previous process are graded on start, a grader that throws
 * leaves the row `failed` instead of stuck, and no grader at all is a 503, not a hang.
 */
import { randomUUID } from 'node:crypto';
import type { GradeResult } from '@backpath/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { signUp } from '../../test/auth-helpers.ts';
import { createTestDatabase } from '../../test/test-database.ts';
import { as, buildLearningTestApp } from '../progress/learning-test-app.ts';
import type { GraderLike } from './grader.ts';

const pass: GradeResult = { version: 1, status: 'pass', message: 'All 1 checks passed.', tests: [], durationMs: 3 };

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

async function settled(id: string) {
  for (;;) {
    const [row] = await db.query<{ status: string; verdict: string | null }>(
      'SELECT status, verdict FROM submissions WHERE id = $1',
      [id],
    );
    if (row!.status === 'graded' || row!.status === 'failed') return row!;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('grading lifecycle', () => {
  it('grades on start what a previous process accepted but never finished', async () => {
    const seeded = await buildLearningTestApp({ db });
    const who = await signUp(seeded.app);
    await seeded.close();
    const ids = [randomUUID(), randomUUID()];
    for (const [i, id] of ids.entries()) {
      await db.query(
        `INSERT INTO submissions (id, user_id, exercise_id, mode, code, status, content_version)
         VALUES ($1, $2, 'alpha-sql', 'submit', 'SELECT name FROM people', $3, 'fixture-1')`,
        [id, who.user.id, i === 0 ? 'queued' : 'grading'],
      );
    }
    const seen: string[] = [];
    const graders: GraderLike = {
      grade: async (exercise, code) => {
        seen.push(`${exercise.id}:${code}`);
        return pass;
      },
    };
    const restarted = await buildLearningTestApp({ db, graders });
    try {
      for (const id of ids) expect(await settled(id)).toEqual({ status: 'graded', verdict: 'pass' });
      expect(seen).toEqual(['alpha-sql:SELECT name FROM people', 'alpha-sql:SELECT name FROM people']);
    } finally {
      await restarted.close();
    }
  });

  it('records a verdict once when two processes grade the same submission', async () => {
    const seeded = await buildLearningTestApp({ db });
    const who = await signUp(seeded.app);
    await seeded.close();
    const id = randomUUID();
    await db.query(
      `INSERT INTO submissions (id, user_id, exercise_id, mode, code, status, content_version)
       VALUES ($1, $2, 'alpha-sql', 'submit', 'SELECT name FROM people', 'grading', 'fixture-1')`,
      [id, who.user.id],
    );
    // Both processes recover the same row; the slow one finishes only after the fast one recorded.
    let release = () => {};
    const released = new Promise<void>((r) => {
      release = r;
    });
    let slowStarted = () => {};
    const started = new Promise<void>((r) => {
      slowStarted = r;
    });
    let slowDone = () => {};
    const done = new Promise<void>((r) => {
      slowDone = r;
    });
    const slowFail: GraderLike = {
      grade: async () => {
        slowStarted();
        await released;
        setTimeout(slowDone, 500);
        return { ...pass, status: 'fail', message: 'late duplicate' };
      },
    };
    const slow = await buildLearningTestApp({ db, graders: slowFail });
    await started;
    const fast = await buildLearningTestApp({ db, graders: { grade: async () => pass } });
    try {
      expect(await settled(id)).toEqual({ status: 'graded', verdict: 'pass' });
      release();
      await done;
      const [row] = await db.query<{ verdict: string; message: string }>(
        "SELECT verdict, result->>'message' AS message FROM submissions WHERE id = $1",
        [id],
      );
      expect(row).toEqual({ verdict: 'pass', message: pass.message });
    } finally {
      await slow.close();
      await fast.close();
    }
  });

  it('picks up, while running, a row that was accepted but never reached the queue', async () => {
    const seen: string[] = [];
    const graders: GraderLike = {
      grade: async (_exercise, code) => {
        seen.push(code);
        return pass;
      },
    };
    // Sweeps every second; a `queued` row older than that goes back to the queue.
    const t = await buildLearningTestApp({ db, graders, env: { GRADING_SWEEP_SECONDS: '1' } });
    try {
      const who = await signUp(t.app);
      const id = randomUUID();
      // As an enqueue that failed (the queue was away) leaves it: stored, acknowledged, not queued.
      await db.query(
        `INSERT INTO submissions (id, user_id, exercise_id, mode, code, status, content_version, created_at)
         VALUES ($1, $2, 'alpha-sql', 'submit', 'SELECT name FROM people -- stranded', 'queued', 'fixture-1',
                 now() - interval '5 seconds')`,
        [id, who.user.id],
      );
      expect(await settled(id)).toEqual({ status: 'graded', verdict: 'pass' });
      expect(seen).toEqual(['SELECT name FROM people -- stranded']);
    } finally {
      await t.close();
    }
  });

  it('records a submit and its activity in one step, and answers a `run` with the finished row', async () => {
    const t = await buildLearningTestApp({ db, graders: { grade: async () => pass } });
    try {
      const me = as(t.app, await signUp(t.app));
      const run = await me('POST', '/api/exercises/alpha-sql/submissions', {
        code: 'SELECT name FROM people',
        mode: 'run',
      });
      expect(run.statusCode).toBe(200);
      expect(run.json()).toMatchObject({ status: 'graded', mode: 'run' });
      expect(run.json().result).toMatchObject({ status: 'pass', message: pass.message });
      const submit = await me('POST', '/api/exercises/alpha-sql/submissions', { code: 'SELECT name FROM people' });
      expect(submit.statusCode).toBe(202);
      expect(submit.headers.location).toBe(`/api/submissions/${submit.json().id}`);
      expect(await settled(submit.json().id)).toEqual({ status: 'graded', verdict: 'pass' });
    } finally {
      await t.close();
    }
  });

  it('marks a submission failed when the grader throws, and keeps serving', async () => {
    const graders: GraderLike = {
      grade: async () => {
        throw new Error('engine exploded');
      },
    };
    const t = await buildLearningTestApp({ db, graders });
    try {
      const me = as(t.app, await signUp(t.app));
      const res = await me('POST', '/api/exercises/alpha-sql/submissions', { code: 'SELECT 1' });
      expect(res.statusCode).toBe(202);
      expect(await settled(res.json().id)).toEqual({ status: 'failed', verdict: null });
      expect((await me('GET', `/api/submissions/${res.json().id}`)).json()).toMatchObject({
        status: 'failed',
        result: null,
      });
    } finally {
      await t.close();
    }
  });

  it('answers 503 when the server has no grader', async () => {
    const t = await buildLearningTestApp({ db });
    try {
      const me = as(t.app, await signUp(t.app));
      const res = await me('POST', '/api/exercises/alpha-sql/submissions', { code: 'SELECT 1' });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('service_unavailable');
    } finally {
      await t.close();
    }
  });
});
