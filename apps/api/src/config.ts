/**
 * The API's configuration: the environment is parsed once at boot against one schema, every bad
 * key is reported together, and the process exits rather than run half-configured.
 */
import { resolve } from 'node:path';
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const Port = Type.Integer({ minimum: 0, maximum: 65535 });
const Bool = Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('1'), Type.Literal('0')]);
const Url = (protocols: string) => Type.String({ pattern: `^(${protocols})://` });

/** Every environment variable the API reads, with its default. The README's table mirrors this. */
export const EnvSchema = Type.Object({
  PORT: Type.Optional(Type.String({ pattern: '^\\d+$', default: '3000' })),
  HOST: Type.Optional(Type.String({ minLength: 1 })),
  PUBLIC_URL: Type.Optional(Url('https?')),
  DATABASE_URL: Type.Optional(Url('postgres|postgresql')),
  DATABASE_POOL_MAX: Type.Optional(Type.String({ pattern: '^[1-9]\\d*$' })),
  DATA_DIR: Type.Optional(Type.String({ minLength: 1 })),
  REDIS_URL: Type.Optional(Url('redis|rediss')),
  LOG_LEVEL: Type.Optional(Type.Enum(LOG_LEVELS)),
  TRUST_PROXY: Type.Optional(Type.String({ minLength: 1 })),
  CORS_ORIGINS: Type.Optional(Type.String()),
  BODY_LIMIT_BYTES: Type.Optional(Type.String({ pattern: '^[1-9]\\d*$' })),
  CONTENT_DIR: Type.Optional(Type.String({ minLength: 1 })),
  WEB_DIST_DIR: Type.Optional(Type.String({ minLength: 1 })),
  CLI_BUNDLE_FILE: Type.Optional(Type.String({ minLength: 1 })),
  SMTP_URL: Type.Optional(Url('smtps?')),
  MAIL_FROM: Type.Optional(Type.String({ minLength: 3 })),
  GITHUB_CLIENT_ID: Type.Optional(Type.String({ minLength: 1 })),
  GITHUB_CLIENT_SECRET: Type.Optional(Type.String({ minLength: 1 })),
  MIGRATE_ON_START: Type.Optional(Bool),
  SESSION_IDLE_MINUTES: Type.Optional(Type.String({ pattern: '^[1-9]\\d*$' })),
  SESSION_ABSOLUTE_HOURS: Type.Optional(Type.String({ pattern: '^[1-9]\\d*$' })),
  /** log2 of scrypt's N; 17 (128 MiB) by default, lowered only to make tests fast. */
  PASSWORD_HASH_COST: Type.Optional(Type.String({ pattern: '^(1[0-9]|20)$' })),
  GITHUB_OAUTH_URL: Type.Optional(Url('https?')),
  GITHUB_API_URL: Type.Optional(Url('https?')),
  REDIS_KEY_PREFIX: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  /** Load the grading engines in the API process (default: true without REDIS_URL, false with it). */
  GRADING_IN_API: Type.Optional(Bool),
  GRADING_CONCURRENCY: Type.Optional(Type.String({ pattern: '^[1-9]\\d*$' })),
  GRADING_LOCK_MS: Type.Optional(Type.String({ pattern: '^[1-9]\\d{3,}$' })),
  GRADING_SWEEP_SECONDS: Type.Optional(Type.String({ pattern: '^[1-9]\\d*$' })),
  GRADING_STALE_SECONDS: Type.Optional(Type.String({ pattern: '^[1-9]\\d*$' })),
  /** The grader worker's health server (`/healthz`, `/readyz`, `/metrics`); unset: none. */
  WORKER_HEALTH_PORT: Type.Optional(Type.String({ pattern: '^\\d+$' })),
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | undefined;
  databasePoolMax: number;
  dataDir: string;
  redisUrl: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  /** false, true (trust every hop: only behind a proxy you control), a hop count, or addresses/CIDRs. */
  trustProxy: boolean | number | string[];
  corsOrigins: string[];
  bodyLimitBytes: number;
  contentDir: string;
  webDistDir: string;
  /** The built `backpath` CLI served at /downloads/backpath.mjs. */
  cliBundleFile: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  github: { clientId: string; clientSecret: string; oauthUrl: string; apiUrl: string } | undefined;
  migrateOnStart: boolean;
  auth: { sessionIdleMinutes: number; sessionAbsoluteHours: number; passwordHashCost: number };
  redisKeyPrefix: string;
  grading: {
    /** This API process loads the engines: it grades `run` in the request, and consumes the queue. */
    inApi: boolean;
    /** Gradings at once per process (API with engines, or worker). */
    concurrency: number;
    /** Server mode: a job's lock; a killed worker's job is retried by another within about this long. */
    lockMs: number;
    /** Every this many seconds, rows still queued are handed to the queue again. */
    sweepSeconds: number;
    /** A row `grading` for longer than this is considered abandoned and graded again. */
    staleSeconds: number;
    /** The worker's health server port (HOST is its interface); undefined: no health server. */
    workerHealthPort: number | undefined;
  };
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

const repoRoot = resolve(import.meta.dirname, '../../..');

/** Parses `env` (usually `process.env`); throws `ConfigError` listing every bad key. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.keys(EnvSchema.properties);
  const picked = Object.fromEntries(known.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const problems: string[] = [];
  for (const err of Value.Errors(EnvSchema, picked)) {
    const key = err.instancePath.slice(1);
    problems.push(`${key}=${JSON.stringify(picked[key])}: ${err.message}`);
  }
  const e = picked as Static<typeof EnvSchema>;
  const port = Number(e.PORT ?? 3000);
  if (!Value.Check(Port, port)) problems.push(`PORT=${e.PORT}: must be 0-65535`);
  if (Boolean(e.GITHUB_CLIENT_ID) !== Boolean(e.GITHUB_CLIENT_SECRET)) {
    problems.push('GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET must be set together');
  }
  if (e.GRADING_IN_API && !isTrue(e.GRADING_IN_API) && !e.REDIS_URL) {
    problems.push('GRADING_IN_API=false needs REDIS_URL: without Redis no worker process can take the jobs');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const host = e.HOST ?? '127.0.0.1';
  return {
    port,
    host,
    publicUrl: (e.PUBLIC_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/$/, ''),
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: Number(e.DATABASE_POOL_MAX ?? 10),
    dataDir: resolve(e.DATA_DIR ?? resolve(repoRoot, 'data')),
    redisUrl: e.REDIS_URL,
    logLevel: (e.LOG_LEVEL ?? 'info') as Config['logLevel'],
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    corsOrigins: (e.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    bodyLimitBytes: Number(e.BODY_LIMIT_BYTES ?? 256 * 1024),
    contentDir: resolve(e.CONTENT_DIR ?? resolve(repoRoot, 'content')),
    webDistDir: resolve(e.WEB_DIST_DIR ?? resolve(repoRoot, 'apps/web/dist')),
    cliBundleFile: resolve(e.CLI_BUNDLE_FILE ?? resolve(repoRoot, 'apps/cli/dist/backpath.mjs')),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM ?? 'Backpath <no-reply@backpath.local>',
    github: e.GITHUB_CLIENT_ID
      ? {
          clientId: e.GITHUB_CLIENT_ID,
          clientSecret: e.GITHUB_CLIENT_SECRET!,
          oauthUrl: (e.GITHUB_OAUTH_URL ?? 'https://github.com').replace(/\/$/, ''),
          apiUrl: (e.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/$/, ''),
        }
      : undefined,
    migrateOnStart: (e.MIGRATE_ON_START ?? 'true') === 'true' || e.MIGRATE_ON_START === '1',
    // ASVS 3.3.2 (level 2): re-authenticate after 30 idle minutes or 12 hours at most.
    auth: {
      sessionIdleMinutes: Number(e.SESSION_IDLE_MINUTES ?? 30),
      sessionAbsoluteHours: Number(e.SESSION_ABSOLUTE_HOURS ?? 12),
      passwordHashCost: Number(e.PASSWORD_HASH_COST ?? 17),
    },
    redisKeyPrefix: e.REDIS_KEY_PREFIX ?? 'backpath:',
    grading: {
      inApi: e.GRADING_IN_API ? isTrue(e.GRADING_IN_API) : !e.REDIS_URL,
      concurrency: Number(e.GRADING_CONCURRENCY ?? 4),
      lockMs: Number(e.GRADING_LOCK_MS ?? 30_000),
      sweepSeconds: Number(e.GRADING_SWEEP_SECONDS ?? 30),
      staleSeconds: Number(e.GRADING_STALE_SECONDS ?? 120),
      workerHealthPort: e.WORKER_HEALTH_PORT === undefined ? undefined : Number(e.WORKER_HEALTH_PORT),
    },
  };
}

const isTrue = (v: string) => v === 'true' || v === '1';

function parseTrustProxy(value: string | undefined): Config['trustProxy'] {
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
