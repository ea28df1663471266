/** Small helpers shared by the grader benchmarks: percentiles, timing loops and formatting. */

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export const ms = (n: number) => `${n.toFixed(2)} ms`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Runs `fn` `count` times in sequence and returns each wall time. */
export async function timeEach(count: number, fn: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times;
}

/** Gradings per second with `concurrency` callers for `durationMs`. */
export async function throughput(concurrency: number, durationMs: number, fn: () => Promise<unknown>): Promise<number> {
  const until = performance.now() + durationMs;
  let done = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        await fn();
        done++;
      }
    }),
  );
  return done / ((performance.now() - start) / 1000);
}

export function row(kind: string, times: number[], perSecond: number, extra = ''): string {
  return `${kind.padEnd(9)} p50 ${ms(percentile(times, 50)).padStart(10)}  p95 ${ms(percentile(times, 95)).padStart(10)}  ${perSecond.toFixed(0).padStart(6)} gradings/s${extra}`;
}
