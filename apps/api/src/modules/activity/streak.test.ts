/** Streaks count local days: today or yesterday keeps a streak alive; a gap ends it. */
import { describe, expect, it } from 'vitest';
import { addDays, dayIn, streaks } from './streak.ts';

describe('streaks', () => {
  it('counts consecutive days ending today', () => {
    expect(streaks(['2026-03-10', '2026-03-09', '2026-03-08', '2026-03-01'], '2026-03-10')).toEqual({
      current: 3,
      longest: 3,
    });
  });
  it('keeps a streak alive when today has no activity yet, and ends it after a missed day', () => {
    expect(streaks(['2026-03-09', '2026-03-08'], '2026-03-10').current).toBe(2);
    expect(streaks(['2026-03-08', '2026-03-07'], '2026-03-10').current).toBe(0);
  });
  it('finds the longest run across month and year boundaries', () => {
    const days = ['2026-01-01', '2025-12-31', '2025-12-30', '2025-12-01'];
    expect(streaks(days, '2026-02-01')).toEqual({ current: 0, longest: 3 });
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });
  it('takes the date in the learner zone, not the server zone', () => {
    const instant = new Date('2026-03-10T23:30:00Z');
    expect(dayIn('UTC', instant)).toBe('2026-03-10');
    expect(dayIn('Asia/Tokyo', instant)).toBe('2026-03-11');
    expect(dayIn('America/Los_Angeles', instant)).toBe('2026-03-10');
  });
});
