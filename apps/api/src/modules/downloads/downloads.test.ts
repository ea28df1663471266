/** The CLI download: served from memory with cache headers, 404 in the error shape until it is built. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/build-test-app.ts';

const BUNDLE = '#!/usr/bin/env node\nconsole.log("backpath");\n';
let dir: string;
let t: TestApp;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'backpath-downloads-'));
  t = await buildTestApp({ env: { CLI_BUNDLE_FILE: join(dir, 'backpath.mjs') } });
});
afterAll(() => t.close());

describe('GET /downloads/backpath.mjs', () => {
  it('answers 404 in the error shape while the CLI has not been built, then serves it once built', async () => {
    const missing = await t.app.inject('/downloads/backpath.mjs');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: { code: 'not_found', message: expect.stringContaining('has not been built on this server') },
    });

    await writeFile(join(dir, 'backpath.mjs'), BUNDLE);
    const res = await t.app.inject('/downloads/backpath.mjs');
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(BUNDLE);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="backpath.mjs"');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers.etag).toMatch(/^"[\w-]+"$/);
  });

  it('is public, answers 304 to a matching If-None-Match, and keeps serving what it read first', async () => {
    const first = await t.app.inject('/downloads/backpath.mjs');
    const etag = first.headers.etag as string;
    const again = await t.app.inject({ url: '/downloads/backpath.mjs', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);

    await writeFile(join(dir, 'backpath.mjs'), 'changed on disk');
    const stale = await t.app.inject({ url: '/downloads/backpath.mjs', headers: { 'if-none-match': '"other"' } });
    expect(stale.statusCode).toBe(200);
    expect(stale.body).toBe(BUNDLE);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.app.inject('/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths['/downloads/backpath.mjs']?.get).toMatchObject({ tags: ['downloads'] });
  });
});
