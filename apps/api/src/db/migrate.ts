/**
 * Applies the SQL migrations in `migrations/` in name order, each once, all inside one transaction
 * under an advisory lock, so concurrent starts (several API processes) cannot apply one twice.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './client.ts';

const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');
// An arbitrary constant shared by every Backpath process: "bkpt" in ASCII.
const LOCK_KEY = 0x626b7074;

export interface MigrationFile {
  id: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const sql = readFileSync(join(dir, f), 'utf8');
      return { id: f.replace(/\.sql$/, ''), sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Returns the ids applied by this call (empty when the schema was already current). */
export async function migrate(db: Database, migrations = readMigrations()): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const rows = await tx.query<{ id: string; checksum: string }>('SELECT id, checksum FROM schema_migrations');
    const applied = new Map(rows.map((r) => [r.id, r.checksum]));
    const done: string[] = [];
    for (const m of migrations) {
      const previous = applied.get(m.id);
      if (previous !== undefined) {
        if (previous !== m.checksum) {
          throw new Error(`Migration ${m.id} was changed after it was applied; add a new migration instead.`);
        }
        continue;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (id, checksum) VALUES ($1, $2)', [m.id, m.checksum]);
      done.push(m.id);
    }
    return done;
  });
}
