/** backpath.yml parsing: good files become a start plan; bad ones say exactly which key is wrong. */
import { describe, expect, test } from 'vitest';
import { CliError } from '../exit-codes.ts';
import { parseProjectConfig } from './project-config.ts';

describe('backpath.yml', () => {
  test('splits the command, applies defaults and keeps env', () => {
    const c = parseProjectConfig('command: python3 server.py\nenv:\n  DEBUG: 1\n', '/p');
    expect(c).toEqual({
      command: ['python3', 'server.py'],
      port: 8080,
      readiness: '/health',
      startTimeout: 30,
      env: { DEBUG: '1' },
      dir: '/p',
    });
    expect(
      parseProjectConfig('command: [java, Main.java]\nport: 9000\nreadiness: /ready\nstartTimeout: 90\n', '/p'),
    ).toMatchObject({
      command: ['java', 'Main.java'],
      port: 9000,
      readiness: '/ready',
      startTimeout: 90,
    });
  });

  test.each([
    ['port: 8080\n', /`command`/],
    ['command: node s.ts\nport: 70000\n', /`port` must be 1-65535/],
    ['command: node s.ts\nreadiness: health\n', /`readiness` must be a path/],
    ['command: [node\n', /not valid YAML/],
  ])('rejects %j', (text, message) => {
    let caught: unknown;
    try {
      parseProjectConfig(text, '/p');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CliError);
    expect((caught as CliError).exitCode).toBe(2);
    expect((caught as CliError).message).toMatch(message);
  });
});
