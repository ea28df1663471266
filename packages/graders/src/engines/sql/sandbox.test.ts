/**
 * The sandbox's own checks, without the text screen in front: what happens when transaction control
 * reaches PostgreSQL anyway (a lexer mistake, a future syntax). Real PGlite instances, in process.
 */
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { SETUP } from './fixtures.ts';
import { lockToLearner } from './learner-lock.ts';
import { openPglite } from './pglite-base.ts';
import { DiscardedSandboxError, SqlSandbox } from './sandbox.ts';

const opened: PGlite[] = [];
afterAll(async () => {
  for (const db of opened) await db.close().catch(() => {});
});

async function freshSandbox(): Promise<SqlSandbox> {
  const db = await openPglite();
  opened.push(db);
  const sandbox = new SqlSandbox(db, await lockToLearner(db));
  await sandbox.activate('customers', SETUP);
  return sandbox;
}

const names = async (sandbox: SqlSandbox) =>
  (await sandbox.run('SELECT name FROM customers ORDER BY id')).result?.rows.map((r) => r[0]);

describe('sql sandbox: escapes past the screen are caught and the instance is dropped', () => {
  const escapes = [
    "COMMIT; INSERT INTO customers VALUES (99, 'Mallory', 'Nowhere'); BEGIN; SELECT 1",
    "COMMIT; INSERT INTO customers VALUES (99, 'Mallory', 'Nowhere'); COMMIT; BEGIN; SELECT 1",
    "COMMIT; INSERT INTO customers VALUES (99, 'Mallory', 'Nowhere'); COMMIT; BEGIN; SELECT 1/0",
    "ROLLBACK; INSERT INTO customers VALUES (99, 'Mallory', 'Nowhere'); SELECT 1",
    'END; BEGIN; SELECT 1',
    "ABORT; SELECT set_config('search_path', 'pg_temp', false)",
  ];
  for (const sql of escapes) {
    it(`detects: ${sql}`, async () => {
      const sandbox = await freshSandbox();
      const run = await sandbox.run(sql);
      expect(run.tainted).toBe(true);
      expect(sandbox.discarded).toBe(true);
      await expect(sandbox.run('SELECT 1')).rejects.toBeInstanceOf(DiscardedSandboxError);
      await expect(sandbox.activate('other', 'SELECT 1')).rejects.toBeInstanceOf(DiscardedSandboxError);
    }, 60_000);
  }

  it('a replacement built from the base snapshot has none of what the escape committed', async () => {
    const dirty = await freshSandbox();
    await dirty.run("COMMIT; INSERT INTO customers VALUES (99, 'Mallory', 'Nowhere'); COMMIT; BEGIN; SELECT 1");
    expect(dirty.discarded).toBe(true);
    const clean = await freshSandbox();
    expect(await names(clean)).toEqual(['Ada', 'Grace', 'Linus', 'Barbara']);
  }, 60_000);
});

describe('sql sandbox: ordinary runs keep the instance', () => {
  it('queries, errors, nested savepoints and subtransactions that write leave it pristine', async () => {
    const sandbox = await freshSandbox();
    for (const sql of [
      'SELECT name FROM customers',
      'SELECT nme FROM customers',
      'SELEC 1',
      "INSERT INTO customers VALUES (50, 'Temp', NULL); SELECT 1/0",
      // PL/pgSQL exception blocks are subtransactions, each with its own transaction id.
      `DO $$ BEGIN FOR i IN 100..160 LOOP
         BEGIN INSERT INTO customers VALUES (i, 'x', NULL); PERFORM 1/0; EXCEPTION WHEN division_by_zero THEN NULL; END;
       END LOOP; END $$`,
      "CREATE TEMP TABLE t AS SELECT 1 AS x; PREPARE q AS SELECT 1; SELECT pg_advisory_lock(1); LISTEN ch; SELECT set_config('search_path', 'pg_temp', false)",
    ]) {
      const run = await sandbox.run(sql);
      expect(run.tainted, sql).toBe(false);
      expect(sandbox.discarded, sql).toBe(false);
    }
    expect(await names(sandbox)).toEqual(['Ada', 'Grace', 'Linus', 'Barbara']);
    const after = await sandbox.run(
      "SELECT current_user::text, current_setting('search_path'), (SELECT count(*) FROM pg_prepared_statements), (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'), (SELECT count(*) FROM pg_listening_channels())",
    );
    expect(after.result?.rows).toEqual([['learner', 'public', 0, 0, 0]]);
  }, 60_000);
});
