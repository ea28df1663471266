/**
 * Capstone reports as portfolio evidence, against the real curriculum's project: stored per
 * learner, counted by the stages the tester passed, and refused when they name another project.
 */
import { resolve } from 'node:path';
import { loadCurriculum } from '@backpath/curriculum';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../test/auth-helpers.ts';
import { as, buildLearningTestApp, type LearningTestApp } from '../progress/learning-test-app.ts';

const { curriculum } = loadCurriculum(resolve(import.meta.dirname, '../../../../../content'));
const project = [...curriculum.projects.values()][0]!;

let t: LearningTestApp;
beforeAll(async () => {
  t = await buildLearningTestApp({ curriculum });
});
afterAll(() => t.close());

const report = (projectId: string, passing: number) => ({
  version: 1,
  project: projectId,
  seed: 42,
  targetStage: passing + 1,
  passed: false,
  failedStage: passing + 1,
  stages: project.stages.slice(0, passing + 1).map((s, i) => ({
    number: s.number,
    id: s.id,
    title: s.title,
    status: i < passing ? 'pass' : 'fail',
    checks: [],
  })),
  target: { url: 'http://127.0.0.1:8080', startedByTester: true },
  startedAt: new Date().toISOString(),
  durationMs: 1234,
  cliVersion: '0.1.0',
});

describe('capstone reports', () => {
  it('records the tester report and shows the passed stages on the portfolio', async () => {
    const me = as(t.app, await signUp(t.app));
    const res = await me('POST', `/api/projects/${project.id}/reports`, { report: report(project.id, 2) });
    expect(res.statusCode).toBe(201);
    expect(res.json().passedStages).toEqual(project.stages.slice(0, 2).map((s) => s.id));
    expect((await me('GET', `/api/projects/${project.id}/reports`)).json().items).toHaveLength(1);

    await me('PUT', '/api/portfolio', { handle: 'cap-stone', published: true });
    const profile = (await t.app.inject({ method: 'GET', url: '/api/portfolio/cap-stone' })).json();
    expect(profile.projects).toEqual([
      {
        id: project.id,
        title: project.title,
        stagesPassed: project.stages.slice(0, 2).map((s) => ({ number: s.number, title: s.title })),
        totalStages: project.stages.length,
      },
    ]);
  });

  it('pages through reports newest first, without skipping or repeating one', async () => {
    const me = as(t.app, await signUp(t.app));
    const ids: string[] = [];
    for (let i = 1; i <= 3; i++) {
      ids.push((await me('POST', `/api/projects/${project.id}/reports`, { report: report(project.id, i) })).json().id);
    }
    const first = (await me('GET', `/api/projects/${project.id}/reports?limit=2`)).json();
    expect(first.items.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await me('GET', `/api/projects/${project.id}/reports?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    expect((await me('GET', `/api/projects/${project.id}/reports?cursor=not-ours`)).statusCode).toBe(400);
  });

  it('refuses a report for another project, an unknown project and a malformed report', async () => {
    const me = as(t.app, await signUp(t.app));
    expect(
      (await me('POST', `/api/projects/${project.id}/reports`, { report: report('other-project', 1) })).statusCode,
    ).toBe(400);
    expect(
      (await me('POST', '/api/projects/no-such-project/reports', { report: report('no-such-project', 1) })).statusCode,
    ).toBe(404);
    expect((await me('POST', `/api/projects/${project.id}/reports`, { report: { version: 2 } })).statusCode).toBe(400);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/projects/${project.id}/reports`,
          payload: { report: report(project.id, 1) },
        })
      ).statusCode,
    ).toBe(401);
  });
});
