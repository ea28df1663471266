/**
 * `npm run db:backup -- <file>` and `npm run db:restore -- <file>`: one backup story for both modes.
 *
 * - Embedded (PGlite in DATA_DIR): the whole data directory as one gzipped tarball (PGlite's own
 *   `dumpDataDir`), restored into an empty DATA_DIR. The server must be stopped: PGlite is one
 *   process's database, and a second process would copy pages the server has not written yet.
 * - Server mode (DATABASE_URL): PostgreSQL's own `pg_dump --format=custom` and `pg_restore --clean`,
 *   which work while the API runs (pg_dump reads one consistent snapshot).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig } from '../config.ts';

class BackupError extends Error {}

function fail(message: string): never {
  throw new BackupError(message);
}

/** PGlite keeps `postmaster.pid` in the data directory while it is open and removes it on close. */
function assertEmbeddedStopped(dataDir: string, force: boolean): void {
  if (existsSync(resolve(dataDir, 'postmaster.pid')) && !force) {
    fail(
      `${dataDir} is in use: a Backpath server is running on it (or stopped without closing it). ` +
        'Stop the server first; if no server is running, pass --force.',
    );
  }
}

async function backupEmbedded(dataDir: string, file: string, force: boolean): Promise<string> {
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) fail(`${dataDir} holds no database to back up.`);
  assertEmbeddedStopped(dataDir, force);
  const db = await PGlite.create({ dataDir });
  try {
    const dump = await db.dumpDataDir('gzip');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await db.close();
  }
  return `Backed up ${dataDir} to ${file}.`;
}

async function restoreEmbedded(dataDir: string, file: string, force: boolean): Promise<string> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    if (!force) fail(`${dataDir} is not empty. Move it aside (or pass --force to replace it) and run again.`);
    assertEmbeddedStopped(dataDir, false);
    rmSync(dataDir, { recursive: true, force: true });
  }
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir, loadDataDir: new Blob([readFileSync(file)]) });
  await db.query('SELECT 1');
  await db.close();
  return `Restored ${file} into ${dataDir}.`;
}

function run(command: string, args: string[]): void {
  const out = spawnSync(command, args, { encoding: 'utf8' });
  if (out.error) fail(`${command} could not start (${out.error.message}). Install the PostgreSQL client tools.`);
  if (out.status !== 0) fail(`${command} failed (exit ${out.status}): ${out.stderr.trim()}`);
}

function backupServer(url: string, file: string): string {
  mkdirSync(dirname(file), { recursive: true });
  run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${url}`]);
  return `Backed up the database to ${file} (pg_dump custom format).`;
}

function restoreServer(url: string, file: string): string {
  run('pg_restore', [
    '--clean',
    '--if-exists',
    '--no-owner',
    '--no-privileges',
    '--single-transaction',
    `--dbname=${url}`,
    file,
  ]);
  return `Restored ${file} into the database (pg_restore).`;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { force: { type: 'boolean', default: false } },
  });
  const [verb, target] = positionals;
  if ((verb !== 'backup' && verb !== 'restore') || !target) {
    fail('Usage: npm run db:backup -- <file>  |  npm run db:restore -- <file> [--force]');
  }
  const file = resolve(target);
  if (verb === 'restore' && !existsSync(file)) fail(`${file} does not exist.`);
  const config = loadConfig(env);
  if (config.databaseUrl) {
    return verb === 'backup' ? backupServer(config.databaseUrl, file) : restoreServer(config.databaseUrl, file);
  }
  return verb === 'backup'
    ? backupEmbedded(config.dataDir, file, values.force)
    : restoreEmbedded(config.dataDir, file, values.force);
}

if (import.meta.main) {
  try {
    console.log(await main(process.argv.slice(2)));
  } catch (err) {
    if (!(err instanceof BackupError)) throw err;
    console.error(`Error: ${err.message}`);
    process.exitCode = 1;
  }
}
