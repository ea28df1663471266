/**
 * Redis for tests: whether the server-mode tests can run (TEST_REDIS_URL), a key prefix of their
 * own (the Redis server is shared, never flushed), and a TCP proxy in front of it that a test cuts
 * and restores to simulate an outage without touching the real server.
 */
import { randomBytes } from 'node:crypto';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';

/** Why Redis tests cannot run, or false. CI sets BACKPATH_REQUIRE_SERVICES=1 so a missing URL fails. */
export function redisSkipReason(): string | false {
  if (process.env.TEST_REDIS_URL) return false;
  if (process.env.BACKPATH_REQUIRE_SERVICES === '1') {
    throw new Error('BACKPATH_REQUIRE_SERVICES=1 but TEST_REDIS_URL is not set');
  }
  return 'TEST_REDIS_URL is not set: Redis tests skipped';
}

/** A prefix no other test (or helper sharing the server) uses. */
export const testRedisPrefix = (label = 'test') => `${label}-${randomBytes(6).toString('hex')}:`;

export interface RedisProxy extends TcpProxy {
  /** TEST_REDIS_URL with the proxy's address instead of the server's. */
  url: string;
}

export async function startRedisProxy(): Promise<RedisProxy> {
  const target = new URL(process.env.TEST_REDIS_URL!);
  const proxy = await startTcpProxy(target.hostname, Number(target.port || 6379));
  const via = new URL(target);
  via.hostname = '127.0.0.1';
  via.port = String(proxy.port);
  return Object.assign(proxy, { url: via.toString() });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns true or `timeoutMs` passes; returns the last answer. */
export async function eventually(probe: () => Promise<boolean>, timeoutMs = 5_000, everyMs = 100): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() > until) return false;
    await sleep(everyMs);
  }
}
