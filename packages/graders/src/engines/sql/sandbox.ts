/**
 * Runs SQL in one warm PGlite instance with per-run isolation: each exercise's setup is applied once
 * into its own schema, and every run happens inside a transaction that is always rolled back, as the
 * `learner` role pinned by learner-lock.ts. After the learner's SQL the sandbox checks, from the
 * backend itself, that it is still inside that very transaction, that nothing was committed since it
 * began and that the role lock holds; if not, the instance is discarded (never reused) and the
 * worker is replaced by one loaded from the clean base snapshot.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { LearnerLock } from './learner-lock.ts';
import type { ResultSet } from './result-set.ts';

export interface RunResult {
  /** The last result that had columns (the query's answer), if any. */
  result?: ResultSet;
  probe?: ResultSet;
  error?: SqlError;
  /** The check's probe failed after the script ran (e.g. the script dropped what it reads). */
  probeError?: SqlError;
  /** The submission ended or left the grader's transaction, committed something, or changed its
   *  role; the instance has been discarded and must not serve again. */
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
 *  advisory locks, LISTEN, settings), in one round trip. Schema-qualified: a learner's objects are
 *  gone after the ROLLBACK, but the grader's own SQL never resolves names through search_path. */
const END_RUN =
  'ROLLBACK; RESET ALL; DEALLOCATE ALL; CLOSE ALL; UNLISTEN *; SELECT pg_catalog.pg_advisory_unlock_all()';

/** The learner's SQL resolves names in the exercise's schema (and its own temporary tables). */
const LEARNER_PATH = 'SET LOCAL search_path TO public';
/** Probes run after the learner's SQL: built-ins first, temporary tables last, so a learner's
 *  temporary table or function cannot stand in for what a probe reads. */
const PROBE_PATH = 'SET LOCAL search_path TO pg_catalog, public, pg_temp';
/** More transaction ids than this in one run are not checked one by one: the instance is dropped. */
const MAX_XIDS_CHECKED = 100_000;

/** Thrown when a discarded instance is asked to run again. */
export class DiscardedSandboxError extends Error {}

interface SequenceState {
  oid: number;
  value: string;
  called: boolean;
}

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
  readonly #lock: LearnerLock;
  readonly #seeded = new Set<string>(['base']);
  #active = 'base';
  #discarded = false;
  /** Seeded sequences (in every exercise schema): nextval() is not undone by a rollback. */
  readonly #sequences: SequenceState[] = [];
  #restoreSequences = '';

  constructor(db: PGlite, lock: LearnerLock) {
    this.#db = db;
    this.#lock = lock;
  }

  /** True once the instance may hold something a learner committed or changed: never reuse it. */
  get discarded(): boolean {
    return this.#discarded;
  }

  /** Makes the exercise's seeded schema the `public` schema, seeding it on first use. */
  async activate(key: string, setup: string): Promise<void> {
    this.#usable();
    if (this.#active === key) return;
    const db = this.#db;
    const park = `ALTER SCHEMA public RENAME TO ${quoteIdent(`ex_${this.#active}`)}`;
    try {
      if (this.#seeded.has(key)) {
        await db.exec(`BEGIN; ${park}; ALTER SCHEMA ${quoteIdent(`ex_${key}`)} RENAME TO public; COMMIT`);
      } else {
        await db.exec(`BEGIN; ${park}; CREATE SCHEMA public; ${LEARNER_PATH};`);
        await db.exec(setup);
        await db.exec('COMMIT');
        this.#seeded.add(key);
        await this.#recordSequences();
      }
      this.#active = key;
    } finally {
      await this.#endRun();
    }
  }

  /** Runs `script` (then `probe`) against the active exercise in a transaction that is always rolled back. */
  async run(script: string, extraSetup?: string, probe?: string): Promise<RunResult> {
    this.#usable();
    const db = this.#db;
    let escaped = false;
    try {
      const opened = (await db.exec(`BEGIN; ${LEARNER_PATH}; SELECT pg_catalog.txid_current()::text`, {
        rowMode: 'array',
      })) as PgResult[];
      const xid = Number(BigInt(String(opened[2]?.rows[0]?.[0])) & 0xffffffffn);
      if (extraSetup) await db.exec(extraSetup);
      let result: ResultSet | undefined;
      let error: SqlError | undefined;
      try {
        result = lastWithColumns((await db.exec(script, { rowMode: 'array' })) as PgResult[]);
      } catch (err) {
        error = toSqlError(err);
      }
      escaped = this.#escapedFrom(xid);
      if (escaped) return { error, tainted: true };
      if (error) return { error, tainted: false };
      if (!probe) return { result, tainted: false };
      await db.exec(PROBE_PATH);
      try {
        const probed = lastWithColumns((await db.exec(probe, { rowMode: 'array' })) as PgResult[]);
        return { result, probe: probed, tainted: false };
      } catch (err) {
        return { result, probeError: toSqlError(err), tainted: false };
      }
    } finally {
      // An instance the learner escaped from gets no more SQL at all: the worker is replaced.
      if (escaped) this.#discarded = true;
      else await this.#endRun();
    }
  }

  #usable(): void {
    if (this.#discarded)
      throw new DiscardedSandboxError('This SQL sandbox was discarded after a submission escaped it.');
  }

  /**
   * Asks the backend (not SQL the learner could influence) whether the run stayed inside the
   * grader's transaction `xid`: still in it (also when it failed), nothing committed since it began
   * (top-level transactions the learner opened and committed), and the role lock intact.
   */
  #escapedFrom(xid: number): boolean {
    const lock = this.#lock;
    if (!lock.intact()) return true;
    if (!this.#db.isInTransaction() || !lock.isCurrentXid(xid)) return true;
    const next = lock.nextXid();
    const span = (next - xid + 2 ** 32) % 2 ** 32;
    if (span > MAX_XIDS_CHECKED) return true;
    for (let i = 0; i < span; i++) {
      if (lock.didCommit((xid + i) % 2 ** 32)) return true;
    }
    return false;
  }

  async #endRun(): Promise<void> {
    const db = this.#db;
    try {
      await db.exec(END_RUN + this.#restoreSequences);
    } catch {
      this.#discarded = true;
      return;
    }
    if (db.isInTransaction() || !this.#lock.intact()) this.#discarded = true;
  }

  /** Remembers the freshly seeded schema's sequences, to put them back after every run. */
  async #recordSequences(): Promise<void> {
    const found = await this.#db.query<{ oid: number; value: string | null; start: string }>(
      `SELECT c.oid::int AS oid, pg_catalog.pg_sequence_last_value(c.oid)::text AS value, s.seqstart::text AS start
         FROM pg_catalog.pg_class c
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid
        WHERE n.nspname = 'public'`,
    );
    for (const row of found.rows) {
      this.#sequences.push({ oid: row.oid, value: row.value ?? row.start, called: row.value !== null });
    }
    if (this.#sequences.length === 0) return;
    const values = this.#sequences.map((s) => `(${s.oid}::oid, ${BigInt(s.value)}::bigint, ${s.called})`).join(', ');
    this.#restoreSequences = `; SELECT pg_catalog.setval(v.seq::regclass, v.value, v.called) FROM (VALUES ${values}) AS v(seq, value, called)`;
  }
}
