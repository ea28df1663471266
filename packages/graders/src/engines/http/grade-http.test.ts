import { DEFAULT_LIMITS, type GradeResult } from '@backpath/contracts';
import type { QuickJSWASMModule } from 'quickjs-emscripten';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadQuickJS } from '../../sandbox/quickjs.ts';
import { counterHandler, counterHttpExercise } from '../../sandbox/test-exercises.ts';
import { gradeHttp, type HttpSpec } from './grade-http.ts';
import { buildRequest } from './request.ts';

let qjs: QuickJSWASMModule;
beforeAll(async () => {
  qjs = await loadQuickJS();
});

function grade(
  submission: string,
  spec: HttpSpec = counterHttpExercise.http,
  mode: 'run' | 'submit' = 'submit',
): GradeResult {
  return gradeHttp(qjs, spec, submission, mode, DEFAULT_LIMITS).result;
}

const createSpec: HttpSpec = {
  language: 'typescript',
  checks: [
    {
      name: 'creates a bookmark',
      requests: [
        {
          request: {
            method: 'POST',
            path: '/bookmarks',
            headers: { 'X-Api-Key': 'k' },
            body: { url: 'https://a.example' },
          },
          expect: {
            status: 201,
            headers: { 'Content-Type': 'application/json' },
            body: { id: 1, url: 'https://a.example' },
          },
        },
      ],
    },
  ],
};

describe('http grading', () => {
  it('passes a handler whose state carries across a check’s requests, with fresh state per check', () => {
    expect(grade(counterHandler).status).toBe('pass');
  });

  it('builds req with a parsed query, lower-case headers and the JSON body', () => {
    expect(
      buildRequest({ method: 'post', path: '/a/b?x=1&y=2&y=3', headers: { 'X-Key': 'v' }, body: { a: 1 } }),
    ).toEqual({
      method: 'POST',
      path: '/a/b',
      query: { x: '1', y: ['2', '3'] },
      headers: { 'x-key': 'v', 'content-type': 'application/json' },
      body: { a: 1 },
    });
  });

  it('accepts equivalent handlers: TypeScript, async, header case, a JSON string body', () => {
    const handler = `type Req = { method: string; headers: Record<string, string>; body?: { url: string } };
async function handle(req: Req) {
  await Promise.resolve();
  if (req.headers['x-api-key'] !== 'k') return { status: 401 };
  return { status: 201, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: req.body?.url, id: 1 }) };
}`;
    expect(grade(handler, createSpec).status).toBe('pass');
  });

  it('says which request got which status, naming the expected status', () => {
    const result = grade(
      "function handle(req) { return { status: 200, body: { id: 1, url: req.body.url }, headers: { 'content-type': 'application/json' } }; }",
      createSpec,
    );
    expect(result.status).toBe('fail');
    expect(result.tests[0]?.message).toBe('POST /bookmarks returned status 200 OK, expected 201 Created.');
  });

  it('reports a missing header and a wrong body', () => {
    const noHeader = grade(
      'function handle(req) { return { status: 201, body: { id: 1, url: req.body.url } }; }',
      createSpec,
    );
    expect(noHeader.tests[0]?.message).toContain(
      'returned header Content-Type: no such header, expected "application/json"',
    );
    const wrongBody = grade(
      "function handle() { return { status: 201, headers: { 'Content-Type': 'application/json' }, body: { id: 2 } }; }",
      createSpec,
    );
    expect(wrongBody.tests[0]?.message).toContain(
      'returned body { id: 2 }, expected { id: 1, url: "https://a.example" }',
    );
  });

  it('explains a handler that returns the wrong shape, a missing handler, a syntax error and a throw', () => {
    expect(grade('function handle() { return 201; }', createSpec).tests[0]?.message).toContain(
      'must return an object like { status: 200',
    );
    expect(grade('function serve() {}', createSpec)).toMatchObject({
      status: 'error',
      errorCode: 'invalid_submission',
    });
    const syntax = grade('function handle(req: Req {\n}', createSpec);
    expect(syntax).toMatchObject({ status: 'error', errorCode: 'compile_error' });
    expect(syntax.message).toContain('line 1');
    const thrown = grade("function handle() { throw new Error('db down'); }", createSpec);
    expect(thrown.tests[0]).toMatchObject({ status: 'error' });
    expect(thrown.tests[0]?.message).toContain('Error: db down');
  });

  it('keeps hidden checks generic and skips them in run mode', () => {
    const result = grade('function handle(req) { return { status: 500, body: { leaked: req.query } }; }');
    expect(result.tests[1]).toEqual({
      name: 'hidden: echoes the query',
      status: 'fail',
      hidden: true,
      message: expect.any(String),
    });
    expect(JSON.stringify(result)).not.toContain('ada');
    expect(grade(counterHandler, undefined, 'run').tests).toHaveLength(1);
  });
});
