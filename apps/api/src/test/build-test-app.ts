/**
 * Builds the real application for a test file: the fixture curriculum (or the real one), a fresh
 * migrated database, and config from a test environment. Tests call `app.inject()`; no port.
 */
import { resolve } from 'node:path';
import { type Curriculum, loadCurriculum } from '@backpath/curriculum';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, buildApp } from '../app.ts';
import { type Config, loadConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import { type Backend, createTestDatabase } from './test-database.ts';

export const FIXTURE_CONTENT = resolve(import.meta.dirname, 'fixtures/content');

export function loadFixtureCurriculum(dir = FIXTURE_CONTENT): Curriculum {
  const { curriculum, problems } = loadCurriculum(dir);
  if (problems.size > 0) throw new Error(`fixture content has problems: ${JSON.stringify(problems.items)}`);
  return curriculum;
}

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  config: Config;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  backend?: Backend;
  curriculum?: Curriculum;
  logger?: AppDeps['logger'];
  /** Add routes or hooks before the app is made ready (tests of cross-cutting behaviour). */
  extend?: (app: FastifyInstance) => void | Promise<void>;
  serverTimeouts?: AppDeps['serverTimeouts'];
}

export async function buildTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    CONTENT_DIR: FIXTURE_CONTENT,
    WEB_DIST_DIR: '/nonexistent',
    ...opts.env,
  });
  const db = await createTestDatabase(opts.backend);
  const app = await buildApp({
    config,
    db,
    curriculum: opts.curriculum ?? loadFixtureCurriculum(),
    logger: opts.logger ?? false,
    ...(opts.serverTimeouts ? { serverTimeouts: opts.serverTimeouts } : {}),
  });
  await opts.extend?.(app);
  await app.ready();
  return {
    app,
    db,
    config,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}
