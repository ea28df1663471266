/** Which server the CLI talks to, and how its files are protected. */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  configDir,
  DEFAULT_SERVER,
  loadCredentials,
  requireToken,
  resolveServer,
  saveCredentials,
  saveServer,
} from './config.ts';
import { CliError } from './exit-codes.ts';
import { tempDir } from './testing/helpers.ts';

const saved = { ...process.env };
beforeEach(async () => {
  process.env.XDG_CONFIG_HOME = await tempDir();
  delete process.env.BACKPATH_SERVER;
});
afterEach(() => {
  process.env = { ...saved };
});

describe('config', () => {
  test('the config dir follows XDG_CONFIG_HOME, else ~/.config', () => {
    expect(configDir({ XDG_CONFIG_HOME: '/x' })).toBe('/x/backpath');
    expect(configDir({})).toMatch(/\.config\/backpath$/);
  });

  test('server precedence: --server, then BACKPATH_SERVER, then the config file, then the default', async () => {
    expect(await resolveServer()).toBe(DEFAULT_SERVER);
    await saveServer('https://file.example.com/');
    expect(await resolveServer()).toBe('https://file.example.com');
    process.env.BACKPATH_SERVER = 'https://env.example.com';
    expect(await resolveServer()).toBe('https://env.example.com');
    expect(await resolveServer('http://flag.example.com:8080')).toBe('http://flag.example.com:8080');
  });

  test('a bad server URL is a usage error', async () => {
    await expect(resolveServer('ftp://x')).rejects.toMatchObject({ exitCode: 2 });
  });

  test('credentials are written 0600 in a 0700 folder, even if they existed with looser modes', async () => {
    const dir = configDir();
    const file = await saveCredentials({ server: 'https://a.example', token: 't1' });
    await import('node:fs/promises').then((fs) => Promise.all([fs.chmod(file, 0o644), fs.chmod(dir, 0o755)]));
    await saveCredentials({ server: 'https://a.example', token: 't2' });
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8')).token).toBe('t2');
    expect(await loadCredentials()).toEqual({ server: 'https://a.example', token: 't2' });
  });

  test('requireToken says which server to log in to', async () => {
    await expect(requireToken('https://b.example')).rejects.toThrow('You are not logged in.');
    await saveCredentials({ server: 'https://a.example', token: 't' });
    const err = await requireToken('https://b.example').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).message).toBe('You are logged in to https://a.example, not https://b.example.');
    expect(await requireToken('https://a.example')).toBe('t');
  });

  test('a corrupt config file is reported with its path', async () => {
    await saveServer('https://x.example');
    await writeFile(path.join(configDir(), 'config.json'), '{oops');
    await expect(resolveServer()).rejects.toThrow(/config\.json is not valid JSON/);
  });
});
