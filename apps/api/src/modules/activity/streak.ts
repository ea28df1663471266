/** Streak arithmetic over local calendar days (YYYY-MM-DD strings), free of clocks and zones. */

const DAY_MS = 86_400_000;

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The date `now` falls on in `timeZone`. */
export function dayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * `current`: consecutive active days ending today, or ending yesterday when today has no activity
 * yet (the streak is still alive until the day ends). `longest`: the longest run in `days`.
 */
export function streaks(daysNewestFirst: string[], today: string): { current: number; longest: number } {
  const active = new Set(daysNewestFirst);
  let current = 0;
  let cursor = active.has(today) ? today : addDays(today, -1);
  while (active.has(cursor)) {
    current++;
    cursor = addDays(cursor, -1);
  }
  let longest = 0;
  let run = 0;
  let previous: string | undefined;
  for (const day of [...daysNewestFirst].sort()) {
    run = previous && addDays(previous, 1) === day ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = day;
  }
  return { current, longest };
}
