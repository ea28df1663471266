/**
 * The streak through the API: it is cached, and every write that records activity must show in the
 * very next read (the dashboard and the heatmap read the same cached streak).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../test/auth-helpers.ts';
import { testBackends } from '../../test/test-database.ts';
import { as, buildLearningTestApp, type LearningTestApp } from '../progress/learning-test-app.ts';

describe.each(testBackends())('activity on $backend', ({ backend, skip }) => {
  let t: LearningTestApp;
  beforeAll(async () => {
    if (!skip) t = await buildLearningTestApp({ backend });
  });
  afterAll(() => t?.close());

  it.skipIf(skip)('a cached streak moves on the first action of the day', async () => {
    const me = as(t.app, await signUp(t.app));
    const zone = { 'x-time-zone': 'Pacific/Auckland' };
    // Read first, so a streak of zero is in the cache before anything happens.
    expect((await me('GET', '/api/dashboard', undefined, zone)).json().streak).toMatchObject({
      current: 0,
      activeToday: false,
    });
    expect((await me('PUT', '/api/progress/topics/alpha-one', { status: 'learning' }, zone)).statusCode).toBe(200);

    expect((await me('GET', '/api/dashboard', undefined, zone)).json().streak).toEqual({
      current: 1,
      longest: 1,
      activeToday: true,
    });
    const activity = (await me('GET', '/api/activity', undefined, zone)).json();
    expect(activity.streak).toEqual({ current: 1, longest: 1, activeToday: true });
    expect(activity.days).toHaveLength(1);
  });
});
