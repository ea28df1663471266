/**
 * Fresh, migrated databases for tests. PGlite takes 5–9 s to initialise, so the first call in a run
 * builds one migrated template, dumps it to a cache file keyed by the migrations' checksums, and
 * every test file loads a copy of it (about 1.5 s). With TEST_DATABASE_URL set, the same tests also
 * run against real PostgreSQL, each test file in its own schema that is dropped afterwards.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Database, openDatabase } from '../db/client.ts';
import { migrate, readMigrations } from '../db/migrate.ts';

const CACHE_DIR = resolve(import.meta.dirname, '../../../../node_modules/.cache/backpath');

export type Backend = 'pglite' | 'postgres';

/** The backends repository tests run on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testBackends(): { backend: Backend; skip: string | false }[] {
  return [
    { backend: 'pglite', skip: false },
    { backend: 'postgres', skip: postgresSkipReason() },
  ];
}

/** Why PostgreSQL tests cannot run, or false. CI sets BACKPATH_REQUIRE_SERVICES=1 so a missing URL fails. */
export function postgresSkipReason(): string | false {
  if (process.env.TEST_DATABASE_URL) return false;
  if (process.env.BACKPATH_REQUIRE_SERVICES === '1') {
    throw new Error('BACKPATH_REQUIRE_SERVICES=1 but TEST_DATABASE_URL is not set');
  }
  return 'TEST_DATABASE_URL is not set: PostgreSQL tests skipped';
}

export async function createTestDatabase(backend: Backend = 'pglite'): Promise<Database> {
  if (backend === 'postgres') return createPostgresSchemaDatabase(process.env.TEST_DATABASE_URL!);
  return openDatabase({ dataDir: 'memory://', loadDataDir: await pgliteTemplate() });
}

async function pgliteTemplate(): Promise<Blob> {
  const key = createHash('sha256')
    .update(
      readMigrations()
        .map((m) => m.checksum)
        .join(','),
    )
    .digest('hex')
    .slice(0, 16);
  const file = join(CACHE_DIR, `pglite-template-${key}.tar`);
  if (!existsSync(file)) {
    const db = await openDatabase({ dataDir: 'memory://' });
    await migrate(db);
    if (!db.pglite) throw new Error('expected an embedded database');
    const dump = await db.pglite.dumpDataDir('none');
    mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file); // atomic: parallel test workers never read half a file
    await db.close();
  }
  return new Blob([readFileSync(file)]);
}

async function createPostgresSchemaDatabase(url: string): Promise<Database> {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ url, poolMax: 1 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  const db = await openDatabase({ url, searchPath: schema, poolMax: 4 });
  await migrate(db);
  const close = db.close.bind(db);
  return Object.assign(db, {
    close: async () => {
      await close();
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  });
}
