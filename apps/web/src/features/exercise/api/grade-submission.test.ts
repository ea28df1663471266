import { describe, expect, it, vi } from 'vitest';
import { ApiError, type EventSourceLike } from '../../../lib/api-client.ts';
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

/** A stand-in for the browser's EventSource: the test decides what the server sends. */
class FakeStream implements EventSourceLike {
  static last: FakeStream | undefined;
  listeners = new Map<string, ((e: MessageEvent<string>) => void)[]>();
  closed = false;
  readonly url: string;
  constructor(url: string) {
    this.url = url;
    FakeStream.last = this;
  }
  addEventListener(type: string, fn: (e: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  emit(type: string, data = '') {
    for (const fn of this.listeners.get(type) ?? []) fn(new MessageEvent(type, { data }));
  }
  close() {
    this.closed = true;
  }
}
const openStream = (url: string) => new FakeStream(url);
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('gradeSubmission', () => {
  it('takes the verdict from the stream and never polls', async () => {
    const post = vi.fn().mockResolvedValue(sub('queued'));
    const get = vi.fn();
    const pending = gradeSubmission('e1', 'SELECT 1', 'submit', { post, get, follow: { openStream } } as never);
    await flush();
    const stream = FakeStream.last!;
    expect(stream.url).toBe('/api/submissions/s1/events');
    stream.emit('result', JSON.stringify({ ...sub('graded'), result: { status: 'pass' } }));
    const result = await pending;
    expect(post).toHaveBeenCalledWith('/api/exercises/e1/submissions', { code: 'SELECT 1', mode: 'submit' });
    expect(result.status).toBe('graded');
    expect(get).not.toHaveBeenCalled();
    expect(stream.closed).toBe(true);
  });

  it('polls when the stream endpoint errors, until the submission is graded', async () => {
    const post = vi.fn().mockResolvedValue(sub('queued'));
    const get = vi.fn().mockResolvedValueOnce(sub('grading')).mockResolvedValueOnce(sub('graded'));
    const pending = gradeSubmission('e1', 'x', 'submit', {
      post,
      get,
      follow: { openStream, sleep: async () => {} },
    } as never);
    await flush();
    FakeStream.last!.emit('error');
    const result = await pending;
    expect(FakeStream.last!.closed).toBe(true);
    expect(get).toHaveBeenCalledTimes(2);
    expect(get).toHaveBeenCalledWith('/api/submissions/s1');
    expect(result.status).toBe('graded');
  });

  it('starts polling when the stream stays silent, and the first verdict wins', async () => {
    const post = vi.fn().mockResolvedValue(sub('queued'));
    const get = vi.fn().mockResolvedValue(sub('failed'));
    const result = await gradeSubmission('e1', 'x', 'submit', {
      post,
      get,
      follow: { openStream, silenceMs: 20 },
    } as never);
    expect(result.status).toBe('failed');
    expect(FakeStream.last!.closed).toBe(true);
  });

  it("polls after the server's `timeout` event when the submission is still queued", async () => {
    const post = vi.fn().mockResolvedValue(sub('queued'));
    const get = vi.fn().mockResolvedValue(sub('graded'));
    const pending = gradeSubmission('e1', 'x', 'submit', { post, get, follow: { openStream } } as never);
    await flush();
    FakeStream.last!.emit('timeout', JSON.stringify(sub('queued')));
    expect((await pending).status).toBe('graded');
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('stops at a 4xx from the poll (a deleted submission will not come back)', async () => {
    const post = vi.fn().mockResolvedValue(sub('queued'));
    const get = vi.fn().mockRejectedValue(new ApiError(404, 'not_found', 'No such submission.'));
    const pending = gradeSubmission('e1', 'x', 'submit', {
      post,
      get,
      follow: { openStream, sleep: async () => {} },
    } as never);
    await flush();
    FakeStream.last!.emit('error');
    await expect(pending).rejects.toThrow('No such submission.');
  });

  it('does not stream or poll an answer graded at once', async () => {
    const get = vi.fn();
    const post = vi.fn().mockResolvedValue(sub('graded'));
    FakeStream.last = undefined;
    await gradeSubmission('e1', 'x', 'run', { post, get, follow: { openStream } } as never);
    expect(get).not.toHaveBeenCalled();
    expect(FakeStream.last).toBeUndefined();
  });
});
