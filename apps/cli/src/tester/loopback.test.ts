/** The tester never contacts anything but the learner's own machine. */
import { describe, expect, test } from 'vitest';
import { CliError } from '../exit-codes.ts';
import { assertLoopbackUrl, isLoopbackAddress } from './loopback.ts';

describe('loopback guard', () => {
  test.each(['127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1'])('%s is loopback', (a) => {
    expect(isLoopbackAddress(a)).toBe(true);
  });
  test.each(['10.0.0.1', '192.168.1.5', '8.8.8.8', '::', 'fe80::1', 'example.com'])('%s is not', (a) => {
    expect(isLoopbackAddress(a)).toBe(false);
  });

  test('accepts localhost and 127.0.0.1 URLs', async () => {
    expect((await assertLoopbackUrl('http://localhost:8080')).port).toBe('8080');
    expect((await assertLoopbackUrl('http://127.0.0.1:3000/')).hostname).toBe('127.0.0.1');
  });

  test.each([
    'http://10.1.2.3:8080',
    'http://192.168.0.10',
    'http://[fe80::1]:80',
    'https://127.0.0.1:8443',
    'not a url',
  ])('refuses %s with a usage error that says what to do', async (url) => {
    const err = await assertLoopbackUrl(url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(2);
    expect((err as CliError).hint).toMatch(/--url http:\/\/127\.0\.0\.1/);
  });
});
