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
const BASE_VERSION = 1;
const basePath = join(tmpdir(), `backpath-pglite-base-v${BASE_VERSION}.tar`);

/** The learner role: not a superuser, so casual attempts at files or programs are refused. */
const BASE_SETUP = `
  CREATE ROLE learner NOLOGIN;
  REVOKE ALL ON SCHEMA public FROM PUBLIC;
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
