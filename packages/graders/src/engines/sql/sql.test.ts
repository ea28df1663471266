import { DEFAULT_LIMITS, type ExerciseOfKind } from '@backpath/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraders, type Graders } from '../../index.ts';
import { orderedQuery, serialExercise, stateExercise, unorderedTotals } from './fixtures.ts';

let graders: Graders;
beforeAll(async () => {
  graders = createGraders({ sqlWorkers: 1 });
  await graders.ready();
}, 120_000);
afterAll(() => graders.close());

const grade = (exercise: ExerciseOfKind<'sql'>, submission: string, timeMs = DEFAULT_LIMITS.timeMs) =>
  graders.grade(exercise, submission, { mode: 'submit', limits: { ...DEFAULT_LIMITS, timeMs } });

describe('sql: correct answers', () => {
  it('passes the reference and equivalent queries (IN vs EXISTS vs JOIN)', async () => {
    for (const sql of [
      orderedQuery.solution,
      'SELECT name FROM customers WHERE id IN (SELECT customer_id FROM orders) ORDER BY name',
      'SELECT c.name FROM customers AS c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id) ORDER BY 1',
    ]) {
      const result = await grade(orderedQuery, sql);
      expect(result.status, sql).toBe('pass');
    }
  });

  it('accepts another join order and other aliases when names and order do not matter', async () => {
    const result = await grade(
      unorderedTotals,
      'SELECT cu.name AS who, SUM(o.total) FROM orders o JOIN customers cu ON cu.id = o.customer_id GROUP BY cu.name',
    );
    expect(result.status).toBe('pass');
  });

  it('checks state-mode scripts by probing the resulting tables', async () => {
    expect((await grade(stateExercise, stateExercise.solution)).status).toBe('pass');
    const wrongType = await grade(
      stateExercise,
      "ALTER TABLE customers ADD COLUMN email varchar(200); UPDATE customers SET email = lower(name) || '@example.com'",
    );
    expect(wrongType.status).toBe('fail');
    expect(wrongType.tests[0]?.message).toContain("'character varying'");
  });
});

describe('sql: wrong answers get actionable messages', () => {
  it('reports a wrong column list', async () => {
    const result = await grade(orderedQuery, 'SELECT name, city FROM customers ORDER BY name');
    expect(result.status).toBe('fail');
    expect(result.tests[0]?.message).toContain('2 columns (name, city) but 1 was expected (name)');
  });

  it('reports missing and extra rows, and hides data in hidden checks', async () => {
    const extra = await grade(orderedQuery, 'SELECT name FROM customers ORDER BY name');
    expect(extra.tests[0]?.message).toContain("1 row should not be there: ('Barbara')");
    const missing = await grade(
      orderedQuery,
      "SELECT name FROM customers WHERE name IN ('Ada', 'Grace') ORDER BY name",
    );
    expect(missing.tests[0]?.message).toContain("Missing 1 row: ('Linus')");
    const hidden = missing.tests[1];
    expect(hidden?.hidden).toBe(true);
    expect(hidden?.table).toBeUndefined();
    expect(hidden?.message).not.toMatch(/Alan|Linus/);
  });

  it('reports rows in the wrong order when the exercise asks for ORDER BY', async () => {
    const result = await grade(
      orderedQuery,
      'SELECT DISTINCT c.name FROM customers c JOIN orders o ON o.customer_id = c.id ORDER BY c.name DESC',
    );
    expect(result.tests[0]?.message).toContain('wrong order');
  });

  it('reports a column of the wrong type', async () => {
    const result = await grade(
      unorderedTotals,
      'SELECT c.name, sum(o.total)::text FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.name',
    );
    expect(result.tests[0]?.message).toContain('holds text but should hold numbers');
  });

  it('turns SQL errors into a readable error result', async () => {
    const result = await grade(orderedQuery, 'SELECT nme FROM customers');
    expect(result).toMatchObject({ status: 'error', errorCode: 'runtime_error' });
    expect(result.message).toContain('column "nme" does not exist');
    const syntax = await grade(orderedQuery, 'SELEC name FROM customers');
    expect(syntax).toMatchObject({ status: 'error', errorCode: 'compile_error' });
    expect(syntax.message).toContain('at character 1');
  });
});

describe('sql: hostile submissions', () => {
  const stillHealthy = async () => {
    const result = await grade(orderedQuery, orderedQuery.solution);
    expect(result.status).toBe('pass');
  };

  const restarts = () => graders.stats().sql?.restarts ?? -1;

  it('refuses COMMIT; INSERT; BEGIN, and the next learner on the same warm worker still passes', async () => {
    const before = restarts();
    const attack = await grade(
      orderedQuery,
      "COMMIT; INSERT INTO customers VALUES (99, 'Mallory', 'Nowhere'); INSERT INTO orders VALUES (99, 99, 1, '2024-05-01'); BEGIN; SELECT 1",
    );
    expect(attack).toMatchObject({ status: 'error', errorCode: 'invalid_submission' });
    expect(attack.message).toContain('COMMIT (statement 1)');
    expect(attack.message).toContain('Leave transaction control out');
    await stillHealthy();
    const mallory = await grade(orderedQuery, "SELECT name FROM customers WHERE name = 'Mallory'");
    expect(mallory.tests[0]?.table?.rows).toEqual([]);
    expect(restarts()).toBe(before); // refused before running: the same worker served the next learner
  });

  it('refuses every statement that ends or changes the grader transaction or the session', async () => {
    const before = restarts();
    const cases: [string, string][] = [
      ["ROLLBACK; DELETE FROM orders; SELECT 'x' AS name", 'ROLLBACK (statement 1)'],
      ['END; SELECT 1 AS name', 'END (statement 1)'],
      ['abort; SELECT 1 AS name', 'ABORT (statement 1)'],
      ['SELECT 1; START TRANSACTION; SELECT 2', 'START (statement 2)'],
      ['SAVEPOINT s; DELETE FROM orders; RELEASE SAVEPOINT s; SELECT 1', 'SAVEPOINT (statement 1)'],
      ['SELECT 1; ROLLBACK TO SAVEPOINT s', 'ROLLBACK TO (statement 2)'],
      ["PREPARE TRANSACTION 'x'", 'PREPARE TRANSACTION (statement 1)'],
      ['SET ROLE postgres; SELECT current_user AS name', 'SET ROLE (statement 1)'],
      ['RESET ROLE; SELECT current_user AS name', 'RESET ROLE (statement 1)'],
      ['set role none', 'SET ROLE (statement 1)'],
      ['SET LOCAL ROLE postgres', 'SET ROLE (statement 1)'],
      ['SET SESSION AUTHORIZATION postgres; SELECT 1', 'SET SESSION AUTHORIZATION (statement 1)'],
      ['RESET SESSION AUTHORIZATION', 'RESET SESSION AUTHORIZATION (statement 1)'],
      ['/* hi */ DISCARD ALL', 'DISCARD ALL (statement 1)'],
      ['RESET ALL', 'RESET ALL (statement 1)'],
      ['SET search_path TO pg_temp, public; SELECT 1', 'SET SEARCH_PATH (statement 1)'],
      ["SET SESSION statement_timeout = '1s'", 'SET SESSION STATEMENT_TIMEOUT (statement 1)'],
    ];
    for (const [sql, expected] of cases) {
      const result = await grade(orderedQuery, sql);
      expect(result, sql).toMatchObject({ status: 'error', errorCode: 'invalid_submission' });
      expect(result.message, sql).toContain(expected);
    }
    expect(restarts()).toBe(before);
    await stillHealthy();
  });

  it('never reaches the superuser, even through paths no text scan sees', async () => {
    const before = restarts();
    for (const sql of [
      "SELECT set_config('role', 'postgres', false) AS name",
      "SELECT set_config('session_authorization', 'postgres', true) AS name",
      "DO $$ BEGIN EXECUTE 'SET ROLE postgres'; END $$",
      "DO $$ BEGIN EXECUTE 'RE' || 'SET ROLE'; END $$",
      'CREATE FUNCTION up() RETURNS text LANGUAGE sql SET role = postgres AS $$ SELECT current_user::text $$; SELECT up() AS name',
    ]) {
      const result = await grade(orderedQuery, sql);
      expect(result, sql).toMatchObject({ status: 'error', errorCode: 'runtime_error' });
      expect(result.message, sql).toContain('always run as the learner role');
    }
    const definer = await grade(
      orderedQuery,
      'CREATE FUNCTION who() RETURNS text SECURITY DEFINER LANGUAGE sql AS $$ SELECT current_user::text $$; SELECT who() AS name',
    );
    expect(definer.tests[0]?.table?.rows).toEqual([['learner']]);
    const who = await grade(orderedQuery, 'SELECT current_user::text AS name');
    expect(who.tests[0]?.table?.rows).toEqual([['learner']]);
    expect(restarts()).toBe(before);
    await stillHealthy();
  });

  it('keeps superuser functions, server files and the grader text out of reach', async () => {
    const dir = await grade(orderedQuery, "SELECT pg_ls_dir('.') AS name");
    expect(dir.message).toContain('permission denied for function pg_ls_dir');
    const copy = await grade(orderedQuery, "COPY customers FROM '/etc/passwd'");
    expect(copy.message).toMatch(/permission denied to COPY from a file/);
    const activity = await grade(orderedQuery, 'SELECT query AS name FROM pg_stat_activity');
    expect(activity.tests[0]?.table?.rows).toEqual([['<insufficient privilege>']]);
    expect(JSON.stringify(activity)).not.toMatch(/txid_current|search_path/);
    await stillHealthy();
  });

  it('does not let a transaction-ending DO block or procedure through', async () => {
    const before = restarts();
    const doCommit = await grade(
      orderedQuery,
      "DO $$ BEGIN INSERT INTO customers VALUES (98, 'Eve', 'X'); COMMIT; END $$; SELECT name FROM customers ORDER BY name",
    );
    expect(doCommit).toMatchObject({ status: 'error', errorCode: 'runtime_error' });
    expect(doCommit.message).toContain('invalid transaction termination');
    const proc = await grade(
      orderedQuery,
      'CREATE PROCEDURE p() LANGUAGE plpgsql AS $$ BEGIN ROLLBACK; END $$; CALL p()',
    );
    expect(proc.message).toContain('invalid transaction termination');
    expect(restarts()).toBe(before);
    await stillHealthy();
  });

  it('does not reveal hidden rows through error messages', async () => {
    // Passes the visible check, then fails on the hidden row (5, 'Alan') with a cast error whose text
    // would quote the value.
    const result = await grade(
      orderedQuery,
      'SELECT DISTINCT c.name FROM customers c JOIN orders o ON o.customer_id = c.id WHERE CASE WHEN c.id > 4 THEN c.name::int > 0 ELSE true END ORDER BY c.name',
    );
    expect(result).toMatchObject({ status: 'error', errorCode: 'runtime_error' });
    expect(result.tests[0]?.status).toBe('pass');
    expect(result.tests[1]?.message).toContain('hidden check with error 22P02');
    expect(JSON.stringify(result)).not.toMatch(/Alan|Wilmslow/);
  });

  it('probes read the real tables: a temporary table or search_path cannot stand in for them', async () => {
    const result = await grade(
      stateExercise,
      "ALTER TABLE customers ADD COLUMN email text; CREATE TEMP TABLE customers AS SELECT id, lower(name) || '@example.com' AS email FROM public.customers; SELECT set_config('search_path', 'pg_temp, public', true)",
    );
    expect(result.tests[1]?.status).toBe('fail');
    // Functions that shadow what the grader calls between runs are gone with the rollback, and the
    // grader names pg_catalog explicitly anyway.
    await grade(
      orderedQuery,
      "SELECT set_config('search_path', 'public, pg_catalog', false); CREATE FUNCTION public.txid_current() RETURNS bigint LANGUAGE sql AS 'SELECT 1::bigint'; CREATE FUNCTION public.pg_advisory_unlock_all() RETURNS void LANGUAGE sql AS ''",
    );
    await stillHealthy();
    expect((await grade(stateExercise, stateExercise.solution)).status).toBe('pass');
  });

  it('puts sequences back after every run (nextval survives a rollback)', async () => {
    expect((await grade(serialExercise, serialExercise.solution)).status).toBe('pass');
    await grade(serialExercise, "SELECT nextval('tickets_id_seq') FROM generate_series(1, 10)");
    await grade(serialExercise, "SELECT setval('tickets_id_seq', 500)");
    const next = await grade(serialExercise, "INSERT INTO tickets (title) VALUES ('Printer on fire')");
    expect(next.status).toBe('pass');
  });

  it('does not leak functions, tables or prepared statements into the next run', async () => {
    await grade(
      orderedQuery,
      'CREATE FUNCTION leaked() RETURNS text AS $$ SELECT 1::text $$ LANGUAGE sql; CREATE TABLE junk (x int); PREPARE p AS SELECT 1; SELECT leaked() AS name',
    );
    const probe = await grade(orderedQuery, 'SELECT leaked() AS name');
    expect(probe.message).toContain('function leaked() does not exist');
    expect((await grade(orderedQuery, 'SELECT * FROM junk')).message).toContain('"junk" does not exist');
    expect((await grade(orderedQuery, 'EXECUTE p')).message).toContain('prepared statement "p" does not exist');
  });

  it('refuses server-level and file or program access', async () => {
    const system = await grade(orderedQuery, "ALTER SYSTEM SET work_mem = '1GB'");
    expect(system.status).toBe('error');
    const file = await grade(orderedQuery, "SELECT pg_read_file('PG_VERSION') AS name");
    expect(file.message).toContain('permission denied');
    const program = await grade(orderedQuery, "COPY (SELECT 1) TO PROGRAM 'id'");
    expect(program.message).toMatch(/permission denied|must be superuser|privileges/);
    await stillHealthy();
  });

  it('stops runaway queries at the time limit and keeps serving', async () => {
    for (const sql of [
      'SELECT pg_sleep(100)',
      'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r',
      'SELECT count(*) FROM generate_series(1, 1e9)',
      'DO $$ BEGIN LOOP END LOOP; END $$',
    ]) {
      const result = await grade(orderedQuery, sql, 500);
      expect(result, sql).toMatchObject({ status: 'error', errorCode: 'time_limit' });
      expect(result.message).toContain('time limit');
    }
    await stillHealthy();
  }, 180_000);

  it('caps huge result sets', async () => {
    // A generous time limit: this is about the size cap, and copying 10 MB is slow on a loaded host.
    const result = await grade(orderedQuery, "SELECT repeat('x', 10 * 1024 * 1024) AS name", 20_000);
    expect(result).toMatchObject({ status: 'error', errorCode: 'output_limit' });
    await stillHealthy();
  });
});
