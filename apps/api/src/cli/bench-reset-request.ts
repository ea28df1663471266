/**
 * `node apps/api/src/cli/bench-reset-request.ts [rounds]`: prints the latency of a password-reset
 * request for an email that has an account versus one that has none (p50 / p90 / min over
 * `rounds` each, interleaved), timed over real HTTP from a separate process as an attacker would,
 * against the embedded database. The two must match, or the timing would tell an attacker which
 * emails have accounts. The mail for a known email is composed after the answer; between requests
 * the script waits for it, so one request's mail never lands in the next request's time.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Mailer } from '../modules/mail/mailer.ts';
import { signUp } from '../test/auth-helpers.ts';
import { buildTestApp } from '../test/build-test-app.ts';

const rounds = Number(process.argv[2] ?? 50);

if (process.argv[3] === '--serve') {
  // The server half: accounts, then one line of JSON with the URL and the known emails.
  const t = await buildTestApp({
    env: { TRUST_PROXY: '127.0.0.1' },
    extend(app) {
      app.get('/bench/idle', { config: { access: 'public' } }, async () => {
        await Mailer.of(t.db)?.idle();
        return { mails: (await t.db.query('SELECT 1 FROM mail_outbox')).length };
      });
    },
  });
  const emails: string[] = [];
  for (let i = 0; i < rounds; i++) emails.push((await signUp(t.app)).user.email);
  const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  console.log(JSON.stringify({ url, emails }));
  process.on('SIGTERM', () => void t.close().then(() => process.exit(0)));
} else {
  const server = spawn(process.execPath, [import.meta.filename, String(rounds), '--serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = await createInterface({ input: server.stdout! })
    [Symbol.asyncIterator]()
    .next()
    .then((r) => [r.value]);
  const { url, emails } = JSON.parse(line as string) as { url: string; emails: string[] };

  let n = 0;
  const time = async (email: string): Promise<{ ms: number; body: string }> => {
    n++;
    const start = performance.now();
    const res = await fetch(`${url}/api/auth/password-reset/request`, {
      method: 'POST',
      body: JSON.stringify({ email }),
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.8.${Math.floor(n / 250)}.${n % 250}` },
    });
    const body = await res.text();
    const ms = performance.now() - start;
    if (res.status !== 202) throw new Error(`expected 202, got ${res.status} ${body}`);
    await fetch(`${url}/bench/idle`).then((r) => r.text());
    return { ms, body };
  };
  const pick = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)]!;
  const known: number[] = [];
  const unknown: number[] = [];
  const bodies = new Set<string>();
  for (let i = 0; i < 10; i++) await time(`warm-up-${i}@example.test`);
  for (let i = 0; i < rounds; i++) {
    const a = await time(emails[i]!);
    const b = await time(`nobody-${i}@example.test`);
    known.push(a.ms);
    unknown.push(b.ms);
    bodies.add(a.body).add(b.body);
  }
  const { mails } = (await (await fetch(`${url}/bench/idle`)).json()) as { mails: number };
  console.log(`password-reset request over HTTP, embedded database, ${rounds} rounds each (p50 / p90 / min ms):`);
  for (const [label, xs] of [
    ['known email', known],
    ['unknown email', unknown],
  ] as const) {
    console.log(
      `  ${label.padEnd(14)} ${pick(xs, 0.5).toFixed(2)} / ${pick(xs, 0.9).toFixed(2)} / ${Math.min(...xs).toFixed(2)}`,
    );
  }
  console.log(`  distinct response bodies: ${bodies.size}; mails in the outbox: ${mails} (one per known email)`);
  server.kill('SIGTERM');
}
