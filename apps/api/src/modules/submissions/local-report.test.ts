import type { Exercise, GradeResult } from '@backpath/contracts';
import { describe, expect, it } from 'vitest';
import { localReportVerdict } from './local-report.ts';

const exercise = {
  id: 'git-x',
  topic: 't',
  title: 'Tag a release',
  kind: 'local',
  difficulty: 'beginner',
  instructions: 'Tag the release commit as v1.0.0 and keep the tree clean.',
  starter: '',
  solution: 'git tag v1.0.0',
  hints: ['git tag'],
  local: {
    checks: [
      { name: 'tag v1.0.0 exists', type: 'tag-exists', tag: 'v1.0.0' },
      { name: 'clean tree', type: 'clean-working-tree' },
    ],
  },
} as Exercise;

const report = (statuses: ('pass' | 'fail')[]): GradeResult => ({
  version: 1,
  status: 'pass',
  message: 'from the CLI',
  tests: ['tag v1.0.0 exists', 'clean tree'].map((name, i) => ({ name, status: statuses[i]!, hidden: false })),
  durationMs: 12,
});

describe('localReportVerdict', () => {
  it('accepts a report naming every check and recomputes the status', () => {
    expect(localReportVerdict(exercise, JSON.stringify(report(['pass', 'pass'])))?.status).toBe('pass');
    const partial = localReportVerdict(exercise, JSON.stringify(report(['pass', 'fail'])));
    expect(partial).toMatchObject({ status: 'fail', score: { passed: 1, total: 2 } });
  });

  it('refuses a report for other checks or of the wrong shape', () => {
    const other = { ...report(['pass', 'pass']), tests: [{ name: 'something else', status: 'pass', hidden: false }] };
    expect(localReportVerdict(exercise, JSON.stringify(other))).toMatchObject({
      status: 'error',
      errorCode: 'invalid_submission',
    });
    expect(localReportVerdict(exercise, '{"status":"pass"}')).toMatchObject({ status: 'error' });
  });

  it('leaves command scripts and other kinds to the engines', () => {
    expect(localReportVerdict(exercise, 'git tag v1.0.0')).toBeUndefined();
    expect(localReportVerdict({ ...exercise, kind: 'sql' } as unknown as Exercise, '{}')).toBeUndefined();
  });
});
