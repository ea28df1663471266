import { describe, expect, it } from 'vitest';
import { screenSubmission, statementHeads } from './screen.ts';

describe('sql screen: statement heads', () => {
  it('splits top-level statements and skips comments, strings and quoted identifiers', () => {
    expect(
      statementHeads(`-- COMMIT;
        SELECT 'COMMIT; BEGIN' AS "x;y", E'it\\'s; COMMIT' /* ; COMMIT /* nested ; */ ; */ FROM t;
        insert into t values ($$ ; ROLLBACK $$), ($tag$ ;END; $tag$);
        DO $body$ BEGIN COMMIT; END $body$`),
    ).toEqual([['SELECT', 'AS', 'X;Y', 'FROM'], ['INSERT', 'INTO', 'T', 'VALUES'], ['DO']]);
  });

  it('keeps a BEGIN ATOMIC function body, CASE inside it and a rule action list in one statement', () => {
    expect(
      statementHeads(`CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC
          SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END; SELECT 2; END;
        CREATE RULE r AS ON INSERT TO t DO ALSO (NOTIFY a; NOTIFY b);
        SELECT 1`).map((h) => h[0]),
    ).toEqual(['CREATE', 'CREATE', 'SELECT']);
  });
});

describe('sql screen: refusals', () => {
  it('refuses transaction control, identity changes and session-wide settings, wherever they appear', () => {
    const refused: [string, string][] = [
      ['COMMIT', 'COMMIT'],
      ['select 1;\n  commit and chain', 'COMMIT'],
      ['/* x */ Begin', 'BEGIN'],
      ['start transaction', 'START'],
      ['end', 'END'],
      ['rollback to savepoint a', 'ROLLBACK TO'],
      ['rollback prepared $$x$$', 'ROLLBACK'],
      ["commit prepared 'x'", 'COMMIT'],
      ["prepare transaction 'x'", 'PREPARE TRANSACTION'],
      ['savepoint a', 'SAVEPOINT'],
      ['release a', 'RELEASE'],
      ['SET "role" TO postgres', 'SET ROLE'],
      ['set local session authorization postgres', 'SET SESSION AUTHORIZATION'],
      ["set session_authorization = 'postgres'", 'SET SESSION AUTHORIZATION'],
      ['reset role', 'RESET ROLE'],
      ['reset all', 'RESET ALL'],
      ['discard all', 'DISCARD ALL'],
      ['discard plans', 'DISCARD PLANS'],
      ['set search_path = evil', 'SET SEARCH_PATH'],
      ['set session characteristics as transaction read only', 'SET SESSION CHARACTERISTICS'],
      ['reset search_path', 'RESET SEARCH_PATH'],
    ];
    for (const [sql, command] of refused) expect(screenSubmission(sql)?.command, sql).toBe(command);
    expect(screenSubmission('SELECT 1; SELECT 2; COMMIT')?.statement).toBe(3);
  });

  it('accepts what beginners and real queries write', () => {
    for (const sql of [
      'SELECT name FROM customers ORDER BY name',
      'SELECT \'begin\' AS word, "commit" FROM t',
      'SELECT begin, "end" FROM spans',
      'SET LOCAL search_path TO public; SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; SET CONSTRAINTS ALL DEFERRED; SELECT 1',
      "DO $$ BEGIN RAISE NOTICE 'x'; END $$",
      'CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END; SELECT f()',
      'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r',
      'PREPARE q AS SELECT 1; EXECUTE q',
      'LISTEN ch; NOTIFY ch',
      '',
      ';;',
    ]) {
      expect(screenSubmission(sql), sql).toBeUndefined();
    }
  });
});
