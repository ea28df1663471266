/**
 * Redis away while learners submit (server mode, one API process that also grades): submissions
 * are still acknowledged (202, stored `queued`), and once Redis is back the sweep hands them to
 * the queue and they are graded, with no restart. Redis is cut through a proxy, never touched.
 */
import type { GradeResult } from '@backpath/contracts';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { signUp } from '../../test/auth-helpers.ts';
import { createTestDatabase, postgresSkipReason } from '../../test/test-database.ts';
import {
  eventually,
  type RedisProxy,
  redisSkipReason,
  startRedisProxy,
  testRedisPrefix,
} from '../../test/test-redis.ts';
import { as, buildLearningTestApp } from '../progress/learning-test-app.ts';
import type { GraderLike } from './grader.ts';

// Both throw (fail, not skip) when BACKPATH_REQUIRE_SERVICES=1 and a URL is missing.
const skip = postgresSkipReason() || redisSkipReason();

const pass: GradeResult = { version: 1, status: 'pass', message: 'All 1 checks passed.', tests: [], durationMs: 3 };

describe.skipIf(skip)('grading through a Redis outage (PostgreSQL + Redis)', () => {
  let db: Database;
  let proxy: RedisProxy;
  const prefix = testRedisPrefix('grading-outage');

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    proxy = await startRedisProxy();
  });
  afterAll(async () => {
    await proxy?.close();
    const redis = new Redis(process.env.TEST_REDIS_URL!);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await db?.close();
  });

  it('acknowledges submissions while Redis is away and grades them once it is back', async () => {
    const graded: string[] = [];
    const graders: GraderLike = {
      grade: async (_exercise, code) => {
        graded.push(code);
        return pass;
      },
    };
    const t = await buildLearningTestApp({
      db,
      graders,
      env: { REDIS_URL: proxy.url, REDIS_KEY_PREFIX: prefix, GRADING_SWEEP_SECONDS: '1', GRADING_LOCK_MS: '2000' },
    });
    try {
      const me = as(t.app, await signUp(t.app));
      const first = await me('POST', '/api/exercises/alpha-sql/submissions', { code: 'SELECT 1 -- before' });
      expect(first.statusCode).toBe(202);
      expect(await eventually(async () => graded.includes('SELECT 1 -- before'), 15_000)).toBe(true);

      await proxy.cut();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await me('POST', '/api/exercises/alpha-sql/submissions', { code: `SELECT 1 -- during ${i}` });
        expect(res.statusCode).toBe(202);
        expect(res.json().status).toBe('queued');
        ids.push(res.json().id);
      }
      await proxy.restore();

      const settled = async () => {
        const rows = await db.query<{ status: string }>('SELECT status FROM submissions WHERE id = ANY($1::text[])', [
          ids,
        ]);
        return rows.every((r) => r.status === 'graded');
      };
      expect(await eventually(settled, 30_000, 200)).toBe(true);
      expect(graded.filter((c) => c.includes('during')).sort()).toEqual([
        'SELECT 1 -- during 0',
        'SELECT 1 -- during 1',
        'SELECT 1 -- during 2',
      ]);
    } finally {
      await t.close();
    }
  }, 60_000);
});
