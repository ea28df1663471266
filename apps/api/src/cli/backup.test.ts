/**
 * The documented backup and restore commands, run as an operator runs them: back up a database
 * with learners on it, wipe it, restore it, and find the learners and their notes again.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { postgresSkipReason } from '../test/test-database.ts';

const SCRIPT = resolve(import.meta.dirname, 'backup.ts');
const work = mkdtempSync(join(tmpdir(), 'backpath-backup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string>) {
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  return spawnSync(process.execPath, [SCRIPT, ...args], { env: { ...base, ...env }, encoding: 'utf8' });
}

async function seedLearners(db: Database): Promise<void> {
  for (const n of [1, 2, 3]) {
    await db.query('INSERT INTO users (id, email, name) VALUES ($1, $2, $3)', [`u${n}`, `l${n}@example.com`, `L ${n}`]);
    await db.query('INSERT INTO topic_notes (user_id, topic_id, body) VALUES ($1, $2, $3)', [
      `u${n}`,
      'http-basics',
      `note of learner ${n}`,
    ]);
  }
}

async function learners(db: Database) {
  return db.query<{ email: string; body: string }>(
    'SELECT u.email, n.body FROM users u JOIN topic_notes n ON n.user_id = u.id ORDER BY u.email',
  );
}

const expected = [1, 2, 3].map((n) => ({ email: `l${n}@example.com`, body: `note of learner ${n}` }));

describe('embedded backup and restore (PGlite data directory)', () => {
  it('refuses while a server holds the data directory, then backs up, and restores into a wiped one', async () => {
    const dataDir = join(work, 'data');
    const file = join(work, 'embedded.tar.gz');
    const db = await openDatabase({ dataDir });
    await migrate(db);
    await seedLearners(db);

    const busy = cli(['backup', file], { DATA_DIR: dataDir });
    expect(busy.status).toBe(1);
    expect(busy.stderr).toContain('Stop the server first');
    expect(existsSync(file)).toBe(false);
    await db.close();

    const backup = cli(['backup', file], { DATA_DIR: dataDir });
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);

    const occupied = cli(['restore', file], { DATA_DIR: dataDir });
    expect(occupied.status).toBe(1);
    expect(occupied.stderr).toContain('is not empty');

    rmSync(dataDir, { recursive: true, force: true });
    const restore = cli(['restore', file], { DATA_DIR: dataDir });
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);

    const back = await openDatabase({ dataDir });
    expect(await learners(back)).toEqual(expected);
    await back.close();
  });

  it('explains its usage instead of guessing', () => {
    const out = cli(['backup'], { DATA_DIR: join(work, 'none') });
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('Usage: npm run db:backup');
  });
});

const pgSkip = postgresSkipReason();
describe.skipIf(pgSkip)(`server-mode backup and restore (pg_dump/pg_restore)${pgSkip ? `: ${pgSkip}` : ''}`, () => {
  it('backs up a database with learners, survives dropping it, and restores it', async () => {
    const base = new URL(process.env.TEST_DATABASE_URL!);
    const name = `bp_backup_${randomBytes(5).toString('hex')}`;
    const admin = await openDatabase({ url: base.href, poolMax: 1 });
    const url = Object.assign(new URL(base.href), { pathname: `/${name}` }).href;
    const file = join(work, 'server.dump');
    try {
      await admin.exec(`CREATE DATABASE ${name}`);
      const db = await openDatabase({ url, poolMax: 1 });
      await migrate(db);
      await seedLearners(db);
      await db.close();

      const backup = cli(['backup', file], { DATABASE_URL: url });
      expect(backup.stderr).toBe('');
      expect(backup.status).toBe(0);

      await admin.exec(`DROP DATABASE ${name}`);
      await admin.exec(`CREATE DATABASE ${name}`);
      const restore = cli(['restore', file], { DATABASE_URL: url });
      expect(restore.stderr).toBe('');
      expect(restore.status).toBe(0);

      const back = await openDatabase({ url, poolMax: 1 });
      expect(await learners(back)).toEqual(expected);
      await back.close();
    } finally {
      await admin.exec(`DROP DATABASE IF EXISTS ${name}`);
      await admin.close();
    }
  });
});
