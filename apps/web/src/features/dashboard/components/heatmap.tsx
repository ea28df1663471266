/** A year of activity as a GitHub-style grid of days (SVG, no chart library), with a text summary for screen readers. */
export interface Day {
  date: string;
  count: number;
}

const CELL = 11;
const GAP = 2;

/** Weeks (columns, Sunday first) covering the year up to `end`, each day with its count. */
export function heatmapWeeks(days: Day[], end: Date): { date: string; count: number }[][] {
  const counts = new Map(days.map((d) => [d.date, d.count]));
  const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate() - 364));
  start.setUTCDate(start.getUTCDate() - start.getUTCDay());
  const weeks: { date: string; count: number }[][] = [];
  for (let d = new Date(start); d <= end; d.setUTCDate(d.getUTCDate() + 1)) {
    const date = d.toISOString().slice(0, 10);
    if (d.getUTCDay() === 0) weeks.push([]);
    weeks[weeks.length - 1]!.push({ date, count: counts.get(date) ?? 0 });
  }
  return weeks;
}

export const level = (count: number) => (count === 0 ? 0 : count < 3 ? 1 : count < 6 ? 2 : count < 10 ? 3 : 4);

export function Heatmap({ days, end = new Date() }: { days: Day[]; end?: Date }) {
  const weeks = heatmapWeeks(days, end);
  const activeDays = days.filter((d) => d.count > 0).length;
  return (
    <figure className="heatmap">
      <svg
        viewBox={`0 0 ${weeks.length * (CELL + GAP)} ${7 * (CELL + GAP)}`}
        role="img"
        aria-label={`Activity over the last year: ${activeDays} active day${activeDays === 1 ? '' : 's'}`}
      >
        {weeks.map((week, x) =>
          week.map((day) => (
            <rect
              key={day.date}
              x={x * (CELL + GAP)}
              y={new Date(`${day.date}T00:00:00Z`).getUTCDay() * (CELL + GAP)}
              width={CELL}
              height={CELL}
              rx={2}
              className={`heat-${level(day.count)}`}
            >
              <title>{`${day.date}: ${day.count} action${day.count === 1 ? '' : 's'}`}</title>
            </rect>
          )),
        )}
      </svg>
      <figcaption className="muted small">
        {activeDays} active day{activeDays === 1 ? '' : 's'} in the last year
      </figcaption>
    </figure>
  );
}
