import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testBackends } from '../test/test-database.ts';
import type { Database } from './client.ts';
import { migrate, readMigrations } from './migrate.ts';
import * as schema from './schema.ts';

describe.each(testBackends())('database on $backend', ({ backend, skip }) => {
  let db: Database;
  beforeAll(async () => {
    if (!skip) db = await createTestDatabase(backend);
  });
  afterAll(async () => {
    await db?.close();
  });

  it.skipIf(skip)('is migrated to the latest migration and a second run applies nothing', async () => {
    const rows = await db.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(readMigrations().map((m) => m.id));
    expect(await migrate(db)).toEqual([]);
  });

  it.skipIf(skip)('applies new migrations inside one transaction: a failing one leaves nothing behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    writeFileSync(join(dir, '9001_good.sql'), 'CREATE TABLE tmp_good (id int);');
    writeFileSync(join(dir, '9002_bad.sql'), 'CREATE TABLE tmp_bad (id int); SELECT * FROM no_such_table;');
    await expect(migrate(db, [...readMigrations(), ...readMigrations(dir)])).rejects.toThrow();
    const tables = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('tmp_good', 'tmp_bad')",
    );
    expect(tables[0]?.n).toBe(0);
    const recorded = await db.query("SELECT id FROM schema_migrations WHERE id LIKE '900%'");
    expect(recorded).toEqual([]);
  });

  it.skipIf(skip)('refuses to run when an applied migration was edited', async () => {
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'changed' } : m));
    await expect(migrate(db, edited)).rejects.toThrow(/was changed after it was applied/);
  });

  it.skipIf(skip)('has every table and column the Drizzle schema declares (no drift)', async () => {
    for (const table of Object.values(schema)) {
      if (!is(table, PgTable)) continue;
      const name = getTableName(table);
      const cols = await db.query<{ column_name: string }>(
        'SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND table_schema = current_schema()',
        [name],
      );
      const actual = new Set(cols.map((c) => c.column_name));
      for (const col of Object.values(getTableColumns(table))) {
        expect(actual, `${name}.${col.name}`).toContain(col.name);
      }
    }
  });

  it.skipIf(skip)('reads and writes through the typed query layer', async () => {
    await db.orm.insert(schema.instanceSettings).values({ key: 'greeting', value: { text: 'hello' } });
    const rows = await db.orm.select().from(schema.instanceSettings);
    expect(rows.find((r) => r.key === 'greeting')?.value).toEqual({ text: 'hello' });
  });
});
