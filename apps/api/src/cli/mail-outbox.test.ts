/**
 * `npm run mail:outbox` never prints a stale copy: with a server holding the embedded database it
 * asks the server (given an admin's token) or says where to look; with the server stopped it
 * reads the data directory.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { Mailer } from '../modules/mail/mailer.ts';
import { createUserWithRole, tokenFor } from '../test/auth-helpers.ts';
import { buildTestApp, type TestApp } from '../test/build-test-app.ts';

const SCRIPT = join(import.meta.dirname, 'mail-outbox.ts');

/** Runs the command without blocking this process, which may be the server it talks to. */
function run(
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ status: number; stdout: string; stderr: string }> {
  const { DATABASE_URL: _db, SMTP_URL: _smtp, BACKPATH_TOKEN: _token, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [SCRIPT, ...args],
      { env: { ...inherited, HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env }, encoding: 'utf8', timeout: 150_000 },
      (err, stdout, stderr) => resolve({ status: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

// Each case starts a Node process; on a loaded machine that alone can take many seconds.
describe('npm run mail:outbox while the server runs', { timeout: 180_000 }, () => {
  let t: TestApp;
  let port = 0;
  const dataDir = mkdtempSync(join(tmpdir(), 'backpath-outbox-'));
  beforeAll(async () => {
    t = await buildTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
    await Mailer.of(t.db)!.send({ to: 'live@example.test', subject: 'Written by the running server', text: 'fresh' });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says the server holds the data directory and where to read the outbox, instead of stale mail', async () => {
    const res = await run({ PORT: String(port), DATA_DIR: dataDir });
    expect(res.status).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(`A Backpath server is running at http://127.0.0.1:${port}`);
    expect(res.stderr).toContain('/admin/outbox signed in as an admin');
    expect(res.stderr).toContain('--token');
  });

  it("prints what the server wrote when given an admin's API token", async () => {
    const admin = await createUserWithRole(t.app, t.db, 'admin');
    const token = await tokenFor(t.app, admin.cookie, ['read']);
    const res = await run({ PORT: String(port), DATA_DIR: dataDir, BACKPATH_TOKEN: token });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('to live@example.test — kept (no SMTP_URL)');
    expect(res.stdout).toContain('Subject: Written by the running server');
  });

  it("refuses a learner's token with the server's reason", async () => {
    const learner = await createUserWithRole(t.app, t.db, 'learner');
    const token = await tokenFor(t.app, learner.cookie, ['read']);
    const res = await run({ PORT: String(port), DATA_DIR: dataDir }, ['--token', token]);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('answered 403');
    expect(res.stdout).not.toContain('live@example.test');
  });
});

describe('npm run mail:outbox with the server stopped', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'backpath-outbox-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reads the outbox from the data directory', async () => {
    const db = await openDatabase({ dataDir });
    await migrate(db);
    await new Mailer({ db, from: 'x', smtpUrl: undefined }).send({
      to: 'stored@example.test',
      subject: 'Kept while nobody ran',
      text: 'hello',
    });
    await db.close();
    // Port 9 (discard): nothing answers there.
    const res = await run({ PORT: '9', DATA_DIR: dataDir }, ['--to', 'stored@example.test']);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('Subject: Kept while nobody ran');
  }, 120_000);
});
