/** The learner-facing contract in project.yaml and the tester's stages never drift apart. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ProjectFile } from '@backpath/contracts';
import { Value } from 'typebox/value';
import { describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { REPO_ROOT } from '../testing/helpers.ts';
import { STAGE_COUNT } from './stage-count.ts';
import { LOAD } from './stages/09-caching-load.ts';
import { STAGES } from './stages/index.ts';

const ROADMAP_STAGES = [
  'language',
  'databases',
  'web-basics',
  'version-control',
  'server-framework',
  'auth',
  'testing',
  'deployment',
  'caching-performance',
  'ci-cd',
  'security',
  'stay-updated',
  'practice',
];

describe('content/projects/bookmarks-api/project.yaml', async () => {
  const file = YAML.parse(await readFile(path.join(REPO_ROOT, 'content/projects/bookmarks-api/project.yaml'), 'utf8'));

  test('matches the ProjectFile schema and names real roadmap stages', () => {
    expect(Value.Check(ProjectFile, file)).toBe(true);
    for (const s of file.stages) expect(ROADMAP_STAGES).toContain(s.roadmapStage);
  });

  test('has exactly the tester stages, in order, with the same ids, numbers and titles', () => {
    expect(STAGES.length).toBe(STAGE_COUNT);
    expect(file.stages.map((s: { number: number; id: string; title: string }) => [s.number, s.id, s.title])).toEqual(
      STAGES.map((s) => [s.number, s.id, s.title]),
    );
  });

  test('states the load-test figures the tester uses', () => {
    const load = file.stages.find((s: { number: number }) => s.number === 9).description as string;
    const saved = { s: process.env.BACKPATH_LOAD_SECONDS, p: process.env.BACKPATH_LOAD_P95_MS };
    delete process.env.BACKPATH_LOAD_SECONDS;
    delete process.env.BACKPATH_LOAD_P95_MS;
    const { seconds, thresholdMs, warmupSeconds } = LOAD;
    if (saved.s !== undefined) process.env.BACKPATH_LOAD_SECONDS = saved.s;
    if (saved.p !== undefined) process.env.BACKPATH_LOAD_P95_MS = saved.p;
    expect(load).toContain(`${LOAD.clients} concurrent clients`);
    expect(load).toContain(`for ${seconds} seconds`);
    expect(load).toContain(`after a ${warmupSeconds}-second warm-up`);
    expect(load).toContain(`at most ${thresholdMs} ms`);
  });
});
