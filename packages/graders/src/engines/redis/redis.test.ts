import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraders, type Graders } from '../../index.ts';
import { exercise } from '../../test-support.ts';
import { parseCommandLine } from './parse-command.ts';

const counter = exercise('redis', 'SET visits 10\nINCR visits\nHSET user:1 name Ada city London', {
  setup: ['SET stale yes'],
  checks: [
    { name: 'visits is 11', probe: ['GET visits'], expected: ['11'] },
    { name: 'the user hash is stored', probe: ['HGETALL user:1'], expected: [['name', 'Ada', 'city', 'London']] },
    { name: 'setup data is untouched', hidden: true, probe: ['GET stale'], expected: ['yes'] },
  ],
});

let graders: Graders;
beforeAll(async () => {
  graders = createGraders({ sqlWorkers: 0, codeWorkers: 1 });
});
afterAll(() => graders.close());
const grade = (submission: string) => graders.grade(counter, submission, { mode: 'submit' });

describe('redis command lines', () => {
  it('splits like redis-cli, with quotes and escapes', () => {
    expect(parseCommandLine('SET k "a b"')).toEqual(['SET', 'k', 'a b']);
    expect(parseCommandLine("SET k 'it\\'s'")).toEqual(['SET', 'k', "it's"]);
    expect(parseCommandLine('SET k "say \\"hi\\"\\n"')).toEqual(['SET', 'k', 'say "hi"\n']);
    expect(() => parseCommandLine('SET k "open')).toThrow('not closed');
  });
});

describe('redis engine', () => {
  it('passes the reference and an equivalent answer', async () => {
    expect((await grade(counter.solution)).status).toBe('pass');
    const other = await grade('# comment\nINCRBY visits 11\nHSET user:1 name "Ada"\nHSET user:1 city London');
    expect(other.status).toBe('pass');
  });

  it('explains a wrong reply with the probe and both values', async () => {
    const result = await grade('SET visits 10\nHSET user:1 name Ada city London');
    expect(result.status).toBe('fail');
    expect(result.tests[0]?.message).toBe('After your commands, GET visits replied "10" but "11" was expected.');
    expect(result.tests[0]?.output).toContain('1: SET visits 10 -> "OK"');
  });

  it('reports unknown commands and unclosed quotes as compile errors', async () => {
    expect((await grade('SETT visits 11')).message).toContain('SETT is not a Redis command');
    expect(await grade('SET visits "11')).toMatchObject({ status: 'error', errorCode: 'compile_error' });
  });

  it('refuses scripting and server commands', async () => {
    for (const cmd of ['EVAL "return 1" 0', 'SCRIPT LOAD "return 1"', 'DEBUG SLEEP 10', 'CONFIG SET maxmemory 1']) {
      const result = await grade(cmd);
      expect(result, cmd).toMatchObject({ status: 'error', errorCode: 'invalid_submission' });
    }
  });

  it('contains FLUSHALL and huge values to one run, and allows KEYS *', async () => {
    const flushed = await grade('FLUSHALL\nSET visits 11');
    expect(flushed.status).toBe('fail');
    expect(flushed.tests[2]).toMatchObject({ hidden: true, status: 'fail' });
    expect(flushed.tests[2]?.message).not.toContain('stale');
    const huge = await grade(`SET big ${'x'.repeat(600 * 1024)}`);
    expect(huge).toMatchObject({ errorCode: 'invalid_submission' });
    expect((await grade('SETRANGE big 100000000 x')).errorCode).toBe('invalid_submission');
    expect((await grade(`KEYS *\n${counter.solution}`)).status).toBe('pass');
    expect((await grade(counter.solution)).status).toBe('pass');
  });
});
