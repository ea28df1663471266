/**
 * Redis for tests: whether the server-mode tests can run (TEST_REDIS_URL), a key prefix of their
 * own (the Redis server is shared, never flushed), and a TCP proxy in front of it that a test cuts
 * and restores to simulate an outage without touching the real server.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
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

export interface FreezableProxy {
  url: string;
  /** While true, nothing is delivered either way and no socket closes; bytes are held, then delivered in order. */
  frozen: boolean;
  close(): void;
}

/**
 * A proxy to TEST_REDIS_URL that can stop delivering without closing anything, as a network
 * partition does (TCP holds the bytes and retransmits them once the network is back).
 */
export async function startFreezableRedisProxy(): Promise<FreezableProxy> {
  const target = new URL(process.env.TEST_REDIS_URL!);
  const sockets = new Set<net.Socket>();
  let frozen = false;
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      if (frozen) s.pause();
      const both = () => {
        client.destroy();
        upstream.destroy();
      };
      s.on('error', both);
      s.on('close', () => {
        sockets.delete(s);
        both();
      });
    }
    // Plain 'data' handlers, not pipe(): a pipe would resume a paused socket on 'drain'.
    client.on('data', (d) => upstream.write(d));
    upstream.on('data', (d) => client.write(d));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    get frozen() {
      return frozen;
    },
    set frozen(value: boolean) {
      frozen = value;
      for (const s of sockets) {
        if (value) s.pause();
        else s.resume();
      }
    },
    close() {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
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
