/**
 * Runs SQL in one warm PGlite instance with per-run isolation: each exercise's setup is applied once
 * into its own schema, and every run happens inside a transaction that is always rolled back. A
 * submission that ends that transaction itself (COMMIT, ROLLBACK) marks the instance tainted, and
 * the worker is then replaced, because its state can no longer be trusted.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { ResultSet } from './result-set.ts';

export interface RunResult {
  /** The last result that had columns (the query's answer), if any. */
  result?: ResultSet;
  probe?: ResultSet;
  error?: SqlError;
  /** The check's probe failed after the script ran (e.g. the script dropped what it reads). */
  probeError?: SqlError;
  /** The submission ended the grader's transaction; changes may have persisted. */
  tainted: boolean;
}

export interface SqlError {
  message: string;
  code?: string;
  hint?: string;
  position?: string;
}

interface PgResult {
  rows: unknown[][];
  fields: { name: string; dataTypeID: number }[];
}

/** Ends the run and clears session state that survives a rollback (prepared statements, cursors,
 *  advisory locks, LISTEN, settings), in one round trip: DISCARD ALL would need its own. */
const END_RUN =
  'ROLLBACK; SET SESSION AUTHORIZATION DEFAULT; RESET ALL; DEALLOCATE ALL; CLOSE ALL; UNLISTEN *; SELECT pg_advisory_unlock_all()';

function toSet(result: PgResult): ResultSet {
  return { columns: result.fields.map((f) => ({ name: f.name, typeId: f.dataTypeID })), rows: result.rows };
}

function lastWithColumns(results: PgResult[]): ResultSet | undefined {
  for (let i = results.length - 1; i >= 0; i--) {
    const r = results[i] as PgResult;
    if (r.fields.length > 0) return toSet(r);
  }
  return undefined;
}

export function toSqlError(err: unknown, offset = 0): SqlError {
  const e = err as { message?: string; code?: string; hint?: string; position?: string };
  const position = e.position && Number(e.position) > offset ? String(Number(e.position) - offset) : undefined;
  return { message: e.message ?? String(err), code: e.code, hint: e.hint, position };
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Exercises are written against the `public` schema (probes say `table_schema = 'public'`), so the
 * active exercise's schema is named `public` and the others are parked under `ex_<key>`. Switching
 * exercise is one committed rename; repeated runs of the same exercise cost nothing extra.
 */
export class SqlSandbox {
  readonly #db: PGlite;
  readonly #seeded = new Set<string>(['base']);
  #active = 'base';

  constructor(db: PGlite) {
    this.#db = db;
  }

  /** Makes the exercise's seeded schema the `public` schema, seeding it on first use. */
  async activate(key: string, setup: string): Promise<void> {
    if (this.#active === key) return;
    const db = this.#db;
    const park = `ALTER SCHEMA public RENAME TO ${quoteIdent(`ex_${this.#active}`)}`;
    try {
      if (this.#seeded.has(key)) {
        await db.exec(`BEGIN; ${park}; ALTER SCHEMA ${quoteIdent(`ex_${key}`)} RENAME TO public; COMMIT`);
      } else {
        await db.exec(`BEGIN; ${park}; CREATE SCHEMA public AUTHORIZATION learner;
          SET LOCAL search_path TO public; SET LOCAL ROLE learner;`);
        await db.exec(setup);
        await db.exec('COMMIT');
        this.#seeded.add(key);
      }
      this.#active = key;
    } finally {
      await db.exec(END_RUN);
    }
  }

  /** Runs `script` (then `probe`) against the active exercise in a transaction that is always rolled back. */
  async run(script: string, extraSetup?: string, probe?: string): Promise<RunResult> {
    const db = this.#db;
    const enter = 'SET LOCAL search_path TO public';
    // Without extra setup the script shares the opening round trip; error positions are shifted back.
    let prefix = `BEGIN; ${enter}; SET LOCAL ROLE learner;\n`;
    try {
      if (extraSetup) {
        await db.exec(`BEGIN; ${enter}`);
        await db.exec(extraSetup);
        prefix = 'SET LOCAL ROLE learner;\n';
      }
      let result: ResultSet | undefined;
      try {
        result = lastWithColumns((await db.exec(prefix + script, { rowMode: 'array' })) as PgResult[]);
      } catch (err) {
        // A syntax error rejects the whole string before any statement (even our BEGIN) runs.
        const error = toSqlError(err, prefix.length);
        return { error, tainted: !db.isInTransaction() && error.code !== '42601' };
      }
      const tainted = !db.isInTransaction();
      if (!probe) return { result, tainted };
      if (db.isInTransaction()) await db.exec(`RESET ROLE; ${enter}`);
      else await db.exec(`BEGIN; ${enter}`);
      try {
        const probed = lastWithColumns((await db.exec(probe, { rowMode: 'array' })) as PgResult[]);
        return { result, probe: probed, tainted };
      } catch (err) {
        return { result, probeError: toSqlError(err), tainted };
      }
    } finally {
      await db.exec(END_RUN);
    }
  }
}
