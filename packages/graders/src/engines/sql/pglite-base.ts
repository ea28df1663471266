/**
 * Opens a PGlite instance from a shared base data directory: booting PostgreSQL from scratch takes
 * seconds, loading a dumped data dir about a second, so the first worker dumps it for the rest.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

/** Bump when the base setup below changes. */
const BASE_VERSION = 2;
export const BASE_PATH = join(tmpdir(), `backpath-pglite-base-v${BASE_VERSION}.tar`);
const basePath = BASE_PATH;

/**
 * The learner role: no superuser, no CREATEROLE, a member of no role (so none of pg_read_server_files,
 * pg_execute_server_program and the like). Every statement after boot, the grader's included, runs as
 * this role (see learner-lock.ts), so it owns the `public` schema and may create the per-exercise
 * schemas; nothing it does can outlive the transaction the grader rolls back.
 */
const BASE_SETUP = `
  CREATE ROLE learner NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS;
  ALTER SCHEMA public OWNER TO learner;
  REVOKE ALL ON SCHEMA public FROM PUBLIC;
  GRANT CREATE ON DATABASE postgres TO learner;
`;

export async function openPglite(): Promise<PGlite> {
  try {
    const data = await readFile(basePath);
    const db = new PGlite({ loadDataDir: new Blob([data]) });
    await db.waitReady;
    return db;
  } catch {
    // No base yet (or a corrupt one): build it.
  }
  const db = new PGlite();
  await db.waitReady;
  await db.exec(BASE_SETUP);
  const dump = await db.dumpDataDir('none');
  const tmp = `${basePath}.${process.pid}.${threadId}.tmp`;
  await writeFile(tmp, Buffer.from(await dump.arrayBuffer()));
  await rename(tmp, basePath);
  return db;
}
