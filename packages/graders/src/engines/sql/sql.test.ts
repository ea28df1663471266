import { DEFAULT_LIMITS, type ExerciseOfKind } from '@backpath/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraders, type Graders } from '../../index.ts';
import { orderedQuery, stateExercise, unorderedTotals } from './fixtures.ts';

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

  it('isolates COMMIT; DROP TABLE, ROLLBACK and SET ROLE from the next run', async () => {
    const drop = await grade(orderedQuery, 'COMMIT; DROP TABLE orders CASCADE; SELECT 1 AS name');
    expect(drop.status).not.toBe('pass');
    expect(drop.message).toContain('COMMIT or ROLLBACK');
    await stillHealthy();
    const rollback = await grade(orderedQuery, "ROLLBACK; DELETE FROM orders; SELECT 'x' AS name");
    expect(rollback.status).toBe('fail');
    expect(rollback.tests[1]?.message).toContain('Not run');
    await stillHealthy();
    const role = await grade(orderedQuery, 'SET ROLE postgres; SELECT current_user AS name');
    expect(role.status).toBe('fail');
    const who = await grade(orderedQuery, 'SELECT current_user::text AS name');
    expect(who.tests[0]?.table?.rows).toEqual([['learner']]);
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
