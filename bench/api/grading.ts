/**
 * HTTP grading, end to end, as the web app does it: POST /api/exercises/:id/submissions (202), then
 * GET /api/submissions/:id/events until the `result` event: the time from sending the POST to reading
 * the verdict, for a SQL and a JavaScript exercise, with 1 and with 8 learners submitting at once
 * (each learner submits again as soon as it has its verdict). Beside it, in the same run and over the
 * same client, a signed-in GET (/api/progress) by one learner: the figure the target is set against
 * (one learner's p50 at most 2x that GET's).
 */

export interface GradingTarget {
  base: string;
  cookies: string[];
  headers: Record<string, string>;
  exercises: Record<'sql' | 'js', { id: string; solution: string }>;
}

interface Latencies {
  p50: number;
  p95: number;
  n: number;
  failures: number;
}

const ONE_LEARNER_SUBMISSIONS = Number(process.env.BENCH_GRADING_N ?? 30);
const PER_LEARNER_AT_8 = Math.max(2, Math.round(ONE_LEARNER_SUBMISSIONS / 5));
const GET_REQUESTS = 300;

function percentiles(ms: number[], failures: number): Latencies {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
  return { p50: at(50), p95: at(95), n: sorted.length, failures };
}

/** One submission from POST to verdict; resolves with the milliseconds it took, or throws. */
async function submitAndWait(t: GradingTarget, learner: number, kind: 'sql' | 'js'): Promise<number> {
  const { id, solution } = t.exercises[kind];
  const cookie = t.cookies[learner % t.cookies.length]!;
  const started = performance.now();
  const posted = await fetch(`${t.base}/api/exercises/${id}/submissions`, {
    method: 'POST',
    headers: { ...t.headers, cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ code: solution, mode: 'submit' }),
  });
  const view = (await posted.json()) as { id: string; status: string; result?: { status: string } };
  if (posted.status !== 202 && posted.status !== 200) throw new Error(`POST answered ${posted.status}`);
  let verdict = view.result?.status;
  if (posted.status === 202) {
    const events = await fetch(`${t.base}/api/submissions/${view.id}/events`, { headers: { cookie } });
    const text = await events.text();
    if (!text.startsWith('event: result')) throw new Error(`no result event: ${text.slice(0, 120)}`);
    verdict = (JSON.parse(text.slice(text.indexOf('data: ') + 6)) as { result?: { status: string } }).result?.status;
  }
  const ms = performance.now() - started;
  if (verdict !== 'pass') throw new Error(`the reference solution was graded ${verdict}`);
  return ms;
}

async function learners(t: GradingTarget, count: number, each: number, kind: 'sql' | 'js'): Promise<Latencies> {
  const ms: number[] = [];
  let failures = 0;
  await Promise.all(
    Array.from({ length: count }, async (_, learner) => {
      for (let i = 0; i < each; i++) {
        try {
          ms.push(await submitAndWait(t, learner, kind));
        } catch (err) {
          failures++;
          if (failures === 1) console.log(`  (first failure: ${(err as Error).message})`);
        }
      }
    }),
  );
  return percentiles(ms, failures);
}

async function signedInGet(t: GradingTarget): Promise<Latencies> {
  const ms: number[] = [];
  let failures = 0;
  for (let i = 0; i < GET_REQUESTS; i++) {
    const started = performance.now();
    const res = await fetch(`${t.base}/api/progress`, { headers: { cookie: t.cookies[0]! } });
    await res.arrayBuffer();
    if (res.status === 200) ms.push(performance.now() - started);
    else failures++;
  }
  return percentiles(ms.slice(20), failures);
}

const f = (n: number) => `${n.toFixed(1).padStart(6)} ms`;

export async function gradingSuite(t: GradingTarget): Promise<void> {
  // Warm-up: each exercise is seeded once per worker, and every worker takes part at 8 learners.
  for (const kind of ['sql', 'js'] as const) await learners(t, 8, 2, kind);
  const get = await signedInGet(t);
  console.log(
    `HTTP grading: POST a submission -> its verdict over SSE (${ONE_LEARNER_SUBMISSIONS} per case at 1 learner, ${PER_LEARNER_AT_8} each at 8)`,
  );
  console.log(`${'baseline: GET /api/progress, 1 learner'.padEnd(40)} p50 ${f(get.p50)}  p95 ${f(get.p95)}`);
  for (const kind of ['sql', 'js'] as const) {
    for (const count of [1, 8]) {
      const r = await learners(t, count, count === 1 ? ONE_LEARNER_SUBMISSIONS : PER_LEARNER_AT_8, kind);
      const ratio = r.p50 / get.p50;
      const target = count === 1 ? `  ${ratio.toFixed(1)}x the GET  ${ratio <= 2 ? 'ok' : 'ABOVE 2x'}` : '';
      const bad = r.failures > 0 ? `  (${r.failures} failed)` : '';
      console.log(
        `${`${kind === 'sql' ? 'SQL' : 'JavaScript'} exercise, ${count} learner${count > 1 ? 's' : ''}`.padEnd(40)} ` +
          `p50 ${f(r.p50)}  p95 ${f(r.p95)}${target}${bad}`,
      );
    }
  }
}
