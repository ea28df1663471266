import { describe, expect, it } from 'vitest';
import { heatmapWeeks, level } from './heatmap.tsx';

describe('heatmapWeeks', () => {
  it('covers a year in Sunday-first weeks ending on the given day, with counts', () => {
    const end = new Date('2026-11-24T12:00:00Z'); // a Tuesday
    const weeks = heatmapWeeks([{ date: '2026-11-23', count: 4 }], end);
    expect(weeks[0]![0]!.date).toBe('2025-11-23'); // the Sunday on or before 364 days earlier
    const last = weeks[weeks.length - 1]!;
    expect(last.map((d) => d.date)).toEqual(['2026-11-22', '2026-11-23', '2026-11-24']);
    expect(last[1]!.count).toBe(4);
    expect(weeks.slice(0, -1).every((w) => w.length === 7)).toBe(true);
  });

  it('buckets counts into five shades', () => {
    expect([0, 1, 3, 6, 10].map(level)).toEqual([0, 1, 2, 3, 4]);
  });
});
