import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives working defaults for the embedded setup', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      trustProxy: false,
      corsOrigins: [],
    });
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.publicUrl).toBe('http://127.0.0.1:3000');
  });

  it('grades in the API without Redis, and in workers with it unless told otherwise', () => {
    expect(loadConfig({}).grading).toMatchObject({ inApi: true, concurrency: 4, lockMs: 30_000, sweepSeconds: 30 });
    expect(loadConfig({ REDIS_URL: 'redis://r:6379' }).grading.inApi).toBe(false);
    expect(loadConfig({ REDIS_URL: 'redis://r:6379', GRADING_IN_API: 'true' }).grading.inApi).toBe(true);
    // Nobody would take the jobs: refused at start rather than queueing forever.
    expect(() => loadConfig({ GRADING_IN_API: 'false' })).toThrow(/GRADING_IN_API=false needs REDIS_URL/);
    expect(() => loadConfig({ GRADING_LOCK_MS: '50' })).toThrow(/GRADING_LOCK_MS/);
  });

  it('reports every bad key at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', GITHUB_CLIENT_ID: 'only-id' });
      expect.unreachable('should have thrown');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const text = (err as ConfigError).problems.join('\n');
      expect(text).toContain('PORT');
      expect(text).toContain('DATABASE_URL');
      expect(text).toContain('LOG_LEVEL');
      expect(text).toContain('GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET');
    }
  });

  it('parses proxy trust, CORS origins and numbers', () => {
    const c = loadConfig({
      TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      PORT: '8080',
    });
    expect(c.trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(c.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(c.port).toBe(8080);
  });
});
