import { describe, expect, it } from 'vitest';
import { redactUrl } from './log-options.ts';

describe('redactUrl', () => {
  it('replaces the values of secret-bearing query parameters and keeps the rest', () => {
    expect(redactUrl('/api/auth/github/callback?code=abc&state=def')).toBe(
      '/api/auth/github/callback?code=[redacted]&state=[redacted]',
    );
    expect(redactUrl('/api/activity?year=2026&Token=x&cursor=c1')).toBe(
      '/api/activity?year=2026&Token=[redacted]&cursor=c1',
    );
    expect(redactUrl('/api/x?%63ode=abc')).toBe('/api/x?%63ode=[redacted]');
    expect(redactUrl('/api/stages')).toBe('/api/stages');
    expect(redactUrl('/api/x?%E0%A4%A=1')).toBe('/api/x?%E0%A4%A=1');
  });
});
