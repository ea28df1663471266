/**
 * `node apps/api/src/cli/bench-sign-in.ts [rounds]`: prints sign-in latency at the production
 * password cost for a known email with a wrong password versus an unknown email — the two must
 * be close, or the timing would tell an attacker which emails have accounts.
 */
import { hashPassword } from '../modules/auth/secrets.ts';
import { signUp } from '../test/auth-helpers.ts';
import { buildTestApp } from '../test/build-test-app.ts';

const rounds = Number(process.argv[2] ?? 15);
const t = await buildTestApp({ env: { PASSWORD_HASH_COST: '17' } });
const hash = await hashPassword('Bench-Password-1', 17);
// One account per round, so the five-failure lock-out never short-cuts a measurement.
const emails: string[] = [];
for (let i = 0; i < rounds; i++) {
  const { user } = await signUp(t.app);
  await t.db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [user.id, hash]);
  emails.push(user.email);
}

async function time(email: string, i: number): Promise<number> {
  const start = performance.now();
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email, password: `Wrong-Password-${i}` },
    remoteAddress: `10.9.${i % 250}.1`,
  });
  if (res.statusCode !== 401) throw new Error(`expected 401, got ${res.statusCode}`);
  return performance.now() - start;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const known: number[] = [];
const unknown: number[] = [];
await time('warm-up@example.test', 249);
for (let i = 0; i < rounds; i++) {
  known.push(await time(emails[i]!, i));
  unknown.push(await time(`nobody-${i}@example.test`, i));
}
console.log(`sign-in with a wrong password, scrypt N=2^17 r=8 p=1, ${rounds} rounds (median / min / max ms):`);
for (const [label, xs] of [
  ['known email', known],
  ['unknown email', unknown],
] as const) {
  console.log(
    `  ${label.padEnd(14)} ${median(xs).toFixed(1)} / ${Math.min(...xs).toFixed(1)} / ${Math.max(...xs).toFixed(1)}`,
  );
}
await t.close();
