import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mergeLocalProgress, readLocalProgress, setLocalStatus } from './local-progress.ts';

beforeEach(() => localStorage.clear());

describe('local progress', () => {
  it('keeps statuses in the browser and forgets not-started ones', () => {
    setLocalStatus('a', 'learning');
    setLocalStatus('b', 'done');
    setLocalStatus('a', 'not_started');
    expect(readLocalProgress()).toEqual({ b: 'done' });
  });

  it('merges only statuses that move a topic forward, then clears', async () => {
    setLocalStatus('a', 'learning');
    setLocalStatus('b', 'learning');
    setLocalStatus('c', 'done');
    const send = vi.fn().mockResolvedValue(undefined);
    const sent = await mergeLocalProgress(send, { b: 'done' });
    expect(send.mock.calls).toEqual([
      ['a', 'learning'],
      ['c', 'done'],
    ]);
    expect(sent).toBe(2);
    expect(readLocalProgress()).toEqual({});
  });

  it('goes on past a topic the server no longer knows', async () => {
    setLocalStatus('gone', 'done');
    setLocalStatus('kept', 'done');
    const send = vi.fn(async (id: string) => {
      if (id === 'gone') throw new Error('404');
    });
    expect(await mergeLocalProgress(send)).toBe(1);
  });
});
