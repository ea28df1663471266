/**
 * Opens the one database the API uses: embedded PGlite (a data directory, no server) by default,
 * or a real PostgreSQL through a connection pool when a URL is given. Both speak the same SQL and
 * share one schema, so everything above this file is unaware of which one it has.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema.ts';

export type Orm = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of one or more statements without parameters. */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** The embedded client, when `kind` is pglite (for dumping a test template). */
  readonly pglite?: PGlite;
  readonly orm: Orm;
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent, PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; `memory://` for an in-memory database. */
  dataDir?: string;
  /** PGlite: start from a dumped data directory (a fast template for tests). */
  loadDataDir?: Blob;
  /** PostgreSQL: a schema to use as the search path (tests isolate themselves with one). */
  searchPath?: string;
  poolMax?: number;
  /** PostgreSQL: called when an idle pooled connection fails (the server went away). */
  onPoolError?: (err: Error) => void;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.url ? openPostgres(opts.url, opts) : openPglite(opts);
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  const dataDir = opts.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({ dataDir, ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) });
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      return (await q.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    pglite: client,
    orm: drizzlePglite(client, { schema }) as unknown as Orm,
    ...wrap(client),
    transaction: (fn) => client.transaction((tx) => fn(wrap(tx))),
    ping: async () => {
      await client.query('SELECT 1');
    },
    close: () => client.close(),
  };
}

const names = new Map<string, string>();
/** A stable prepared-statement name per SQL text (the app's statements are a fixed set of templates). */
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `bp_${createHash('sha1').update(sql).digest('hex')}`;
    names.set(sql, name);
  }
  return name;
}

async function openPostgres(url: string, opts: OpenOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolMax ?? 10,
    // Fail fast while the server is away instead of queueing requests behind a dead connection.
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
    ...(opts.searchPath ? { options: `-c search_path=${opts.searchPath}` } : {}),
  });
  // Without a listener, an idle client's socket error is an unhandled 'error' event that kills the process.
  pool.on('error', (err) => opts.onPoolError?.(err));
  const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      // Parameterised statements are named, so each connection parses and plans them once.
      if (!params || params.length === 0) return (await q.query(sql)).rows as T[];
      return (await q.query({ name: statementName(sql), text: sql, values: params })).rows as T[];
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  });
  const db: Database = {
    kind: 'postgres',
    orm: drizzlePg(pool, { schema }) as unknown as Orm,
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    ping: async () => {
      await pool.query('SELECT 1');
    },
    close: () => pool.end(),
  };
  await db.ping();
  return db;
}
