import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/build-test-app.ts';
import { jsonDepthExceeds } from './json-body.ts';
import { apiHeaders, securityHeaders } from './security.ts';

let t: TestApp;
const received: unknown[] = [];
beforeAll(async () => {
  t = await buildTestApp({
    env: { BODY_LIMIT_BYTES: '2048' },
    extend(app) {
      app.post(
        '/api/test/echo',
        {
          config: { access: 'public' },
          schema: { body: Type.Object({ name: Type.String({ maxLength: 50 }), age: Type.Optional(Type.Integer()) }) },
        },
        async (req) => {
          received.push(req.body);
          return { ok: true, body: req.body };
        },
      );
      app.get('/api/test/boom', { config: { access: 'public' } }, async () => {
        throw new Error('SELECT secret_column FROM users WHERE password = hunter2');
      });
      app.get('/api/test/bad-sql', { config: { access: 'public' } }, async () => {
        await t.db.query('SELECT * FROM table_that_does_not_exist_xyz');
        return {};
      });
    },
  });
});
afterAll(() => t.close());

const post = (payload: string, contentType = 'application/json') =>
  t.app.inject({ method: 'POST', url: '/api/test/echo', payload, headers: { 'content-type': contentType } });

describe('request bodies', () => {
  it('accepts a valid body', async () => {
    const res = await post(JSON.stringify({ name: 'Ada', age: 36 }));
    expect(res.statusCode).toBe(200);
    expect(res.json().body).toEqual({ name: 'Ada', age: 36 });
  });

  it('refuses a 100,000-deep body with 400 (not 200, not a crash)', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const big = await buildDeep();
    const res = await big.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      payload: deep,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('nested') });
    await big.close();
  });

  it('refuses unknown properties instead of stripping them', async () => {
    const before = received.length;
    const res = await post(JSON.stringify({ name: 'Ada', role: 'admin' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.message).toContain('unknown property "role"');
    expect(received.length).toBe(before);
  });

  it('does not coerce types', async () => {
    const res = await post(JSON.stringify({ name: 12345 }));
    expect(res.statusCode).toBe(400);
    const res2 = await post(JSON.stringify({ name: 'x', age: '36' }));
    expect(res2.statusCode).toBe(400);
  });

  it('has no text/plain parser, so a cross-site simple POST cannot reach a JSON route', async () => {
    const before = received.length;
    const res = await post(JSON.stringify({ name: 'Ada' }), 'text/plain');
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
    expect(received.length).toBe(before);
  });

  it('answers 400 to malformed JSON and 413 to an oversized body', async () => {
    const bad = await post('{"name": ');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('The request body is not valid JSON.');
    const huge = await post(JSON.stringify({ name: 'x'.repeat(5000) }));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
  });

  it('drops __proto__ keys', async () => {
    const res = await post('{"name":"x","__proto__":{"polluted":true}}');
    expect(res.statusCode).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('errors', () => {
  it('never leaks an exception message, stack or SQL on a 500', async () => {
    for (const url of ['/api/test/boom', '/api/test/bad-sql']) {
      const res = await t.app.inject(url);
      expect(res.statusCode).toBe(500);
      const err = res.json().error;
      expect(err.code).toBe('internal');
      expect(res.body).not.toMatch(/SELECT|secret_column|hunter2|table_that_does_not_exist|stack|at \w+ \(/);
      expect(err.message).toContain(res.headers['x-request-id']);
    }
  });

  it('answers unknown routes with 404 in the error shape', async () => {
    const res = await t.app.inject('/api/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'There is no route for GET /api/nope.' } });
  });
});

describe('headers', () => {
  it('sends security headers', async () => {
    const res = await t.app.inject('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self';");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    // Plain HTTP (as in tests): no HSTS, which would lock a browser out of a non-HTTPS host.
    expect(res.headers['strict-transport-security']).toBeUndefined();
    // Errors carry them too.
    const missing = await t.app.inject('/api/nope');
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
  });

  it('adds HSTS and upgrade-insecure-requests when served over HTTPS, and a looser policy only for /docs', async () => {
    const https = securityHeaders('https://learn.example.org');
    expect(https['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(https['content-security-policy']).toMatch(/;upgrade-insecure-requests$/);
    const docs = await t.app.inject('/docs');
    expect(docs.headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
    const page = (await t.app.inject('/healthz')).headers['content-security-policy'];
    expect(page).not.toContain("script-src 'self' 'unsafe-inline'");
  });

  it("gives JSON API responses OWASP's REST set: a CSP that allows nothing, no framing, no sniffing", async () => {
    for (const url of ['/api/stages', '/api/nope', '/.well-known/jwks.json']) {
      const res = await t.app.inject(url);
      expect(res.headers['content-security-policy'], url).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['x-dns-prefetch-control'], url).toBeUndefined();
    }
    expect(apiHeaders('https://learn.example.org')['strict-transport-security']).toBe(
      'max-age=31536000; includeSubDomains',
    );
  });

  it('keeps CORS closed by default', async () => {
    const res = await t.app.inject({ url: '/api/stages', headers: { origin: 'https://evil.example' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/test/echo',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('echoes a well-formed X-Request-Id and replaces a malformed one', async () => {
    const kept = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'proxy-id-12345678' } });
    expect(kept.headers['x-request-id']).toBe('proxy-id-12345678');
    const replaced = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id\nwith newline' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('CORS when configured', () => {
  it('allows exactly the configured origins', async () => {
    const c = await buildTestApp({ env: { CORS_ORIGINS: 'https://app.example' } });
    const ok = await c.app.inject({ url: '/api/stages', headers: { origin: 'https://app.example' } });
    expect(ok.headers['access-control-allow-origin']).toBe('https://app.example');
    const other = await c.app.inject({ url: '/api/stages', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    await c.close();
  });
});

describe('jsonDepthExceeds', () => {
  it('counts nesting outside strings only', () => {
    expect(jsonDepthExceeds('{"a":[[1]]}', 3)).toBe(false);
    expect(jsonDepthExceeds('{"a":[[[1]]]}', 3)).toBe(true);
    expect(jsonDepthExceeds('{"a":"[[[[[[\\"[[["}', 1)).toBe(false);
  });
});

async function buildDeep() {
  return buildTestApp({
    env: { BODY_LIMIT_BYTES: '1048576' },
    extend(app) {
      app.post('/api/test/echo', { config: { access: 'public' } }, async (req) => ({ body: req.body }));
    },
  });
}
