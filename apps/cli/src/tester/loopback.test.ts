/** The tester never contacts anything but the learner's own machine, even if a name re-resolves later. */
import dns from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, test, vi } from 'vitest';
import { CliError } from '../exit-codes.ts';
import { pinHost, send } from './http-client.ts';
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

describe('DNS rebinding', () => {
  /** A server that answers with the Host header it received. */
  async function hostEcho(): Promise<{ port: number; close(): Promise<void> }> {
    const server = http.createServer((req, res) => res.end(req.headers.host ?? ''));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return {
      port: (server.address() as AddressInfo).port,
      close: () => new Promise((r) => server.close(() => r())),
    };
  }

  test('requests go to the addresses vetted once, not to a new DNS answer, and keep the Host header', async () => {
    const echo = await hostEcho();
    try {
      // A name DNS cannot resolve: only the pinned address can make the request succeed.
      const name = `rebind-${process.pid}.invalid`;
      await expect(send(`http://${name}:${echo.port}`, { method: 'GET', path: '/' })).rejects.toThrow(
        /ENOTFOUND|EAI_AGAIN/,
      );
      pinHost(name, [{ address: '127.0.0.1', family: 4 }]);
      const res = await send(`http://${name}:${echo.port}`, { method: 'GET', path: '/' });
      expect(res.body).toBe(`${name}:${echo.port}`);
    } finally {
      await echo.close();
    }
  });

  test('assertLoopbackUrl pins the name it checked', async () => {
    const echo = await hostEcho();
    try {
      await assertLoopbackUrl(`http://localhost:${echo.port}`);
      const lookups: string[] = [];
      const spy = vi.spyOn(dns, 'lookup').mockImplementation(((host: string, ...rest: unknown[]) => {
        lookups.push(host);
        const cb = rest.at(-1) as (err: Error | null, a: string, f: number) => void;
        cb(null, '10.9.9.9', 4);
      }) as typeof dns.lookup);
      try {
        const res = await send(`http://localhost:${echo.port}`, { method: 'GET', path: '/' });
        expect(res.body).toBe(`localhost:${echo.port}`);
      } finally {
        spy.mockRestore();
      }
      expect(lookups).toEqual([]);
    } finally {
      await echo.close();
    }
  });
});
