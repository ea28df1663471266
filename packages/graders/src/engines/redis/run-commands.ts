/**
 * Executes parsed Redis commands against an in-process Redis-compatible engine (ioredis-mock) and
 * returns replies in Redis's own shapes. Commands that run scripts or touch the server are refused.
 */
import RedisMock from 'ioredis-mock';

export type Reply = string | number | null | Reply[] | { error: string };

/** Scripting, server administration and blocking commands: never needed by an exercise. */
const REFUSED = new Set(
  'eval evalsha eval_ro evalsha_ro script function fcall fcall_ro debug module config shutdown monitor sync psync replicaof slaveof migrate save bgsave bgrewriteaof acl client cluster failover subscribe psubscribe ssubscribe blpop brpop blmove brpoplpush bzpopmin bzpopmax blmpop bzmpop xread xreadgroup wait waitaof'.split(
    ' ',
  ),
);
const MAX_ARG_BYTES = 512 * 1024;
const MAX_OFFSET = 1024 * 1024;
const OFFSET_ARG: Record<string, number> = { setrange: 2, setbit: 2 };

export class RefusedCommand extends Error {}

export function vetCommand(args: string[]): void {
  const name = (args[0] ?? '').toLowerCase();
  if (REFUSED.has(name)) {
    const why =
      name.startsWith('eval') || name === 'script' || name.startsWith('fcall') || name === 'function'
        ? 'runs a script on the server'
        : 'controls the server or blocks';
    throw new RefusedCommand(`${name.toUpperCase()} ${why}, which these exercises do not allow.`);
  }
  if (args.some((a) => Buffer.byteLength(a) > MAX_ARG_BYTES)) {
    throw new RefusedCommand(
      `${name.toUpperCase()} has a value over ${MAX_ARG_BYTES / 1024} KB; exercises never need values that large.`,
    );
  }
  const at = OFFSET_ARG[name];
  if (at !== undefined && Number(args[at]) > MAX_OFFSET) {
    throw new RefusedCommand(`${name.toUpperCase()} with an offset over ${MAX_OFFSET} would allocate a huge value.`);
  }
}

/** ioredis reshapes some replies for JavaScript; put them back the way Redis sends them. */
function toReply(name: string, value: unknown): Reply {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map((v) => toReply('', v));
  if (name === 'hgetall' && typeof value === 'object') return Object.entries(value).flat() as string[];
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'string') return value;
  return String(value);
}

export interface RedisSession {
  exec(args: string[]): Promise<Reply>;
  reset(): Promise<void>;
  close(): void;
}

export function createSession(): RedisSession {
  const redis = new RedisMock({ lazyConnect: false });
  const client = redis as unknown as Record<string, (...args: string[]) => Promise<unknown>>;
  return {
    async exec(args) {
      vetCommand(args);
      const name = (args[0] ?? '').toLowerCase();
      const fn = client[name];
      if (typeof fn !== 'function' || name.startsWith('_')) return { error: `ERR unknown command '${args[0]}'` };
      try {
        return toReply(name, await fn.apply(redis, args.slice(1)));
      } catch (err) {
        return { error: (err as Error).message };
      }
    },
    async reset() {
      await redis.flushall();
    },
    close() {
      redis.disconnect();
    },
  };
}
