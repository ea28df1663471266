import { describe, expect, it, vi } from 'vitest';
import type { Submission } from '../../../lib/api-types.ts';
import { gradeSubmission } from './use-exercise.ts';

const sub = (status: Submission['status']): Submission => ({
  id: 's1',
  exerciseId: 'e1',
  status,
  mode: 'submit',
  code: 'x',
  result: null,
  createdAt: '',
  gradedAt: null,
  durationMs: null,
});

describe('gradeSubmission', () => {
  it('polls a queued submission until it is graded', async () => {
    const post = vi.fn().mockResolvedValue(sub('queued'));
    const get = vi.fn().mockResolvedValueOnce(sub('grading')).mockResolvedValueOnce(sub('graded'));
    const result = await gradeSubmission('e1', 'SELECT 1', 'submit', { post, get, sleep: async () => {} } as never);
    expect(post).toHaveBeenCalledWith('/api/exercises/e1/submissions', { code: 'SELECT 1', mode: 'submit' });
    expect(get).toHaveBeenCalledTimes(2);
    expect(get).toHaveBeenCalledWith('/api/submissions/s1');
    expect(result.status).toBe('graded');
  });

  it('does not poll an answer graded at once', async () => {
    const get = vi.fn();
    const post = vi.fn().mockResolvedValue(sub('graded'));
    await gradeSubmission('e1', 'x', 'run', { post, get, sleep: async () => {} } as never);
    expect(get).not.toHaveBeenCalled();
  });
});
