/**
 * Test support for the learning modules: the real app (as `buildTestApp` builds it) plus a grader,
 * and small request helpers that carry a signed-in learner's cookie and same-origin headers.
 */
import type { Curriculum } from '@backpath/curriculum';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import type { SignedUp } from '../../test/auth-helpers.ts';
import { FIXTURE_CONTENT, loadFixtureCurriculum } from '../../test/build-test-app.ts';
import { type Backend, createTestDatabase } from '../../test/test-database.ts';
import type { GraderLike } from '../submissions/grader.ts';

export interface LearningTestApp {
  app: FastifyInstance;
  db: Database;
  close(): Promise<void>;
}

export async function buildLearningTestApp(
  opts: {
    graders?: GraderLike;
    curriculum?: Curriculum;
    db?: Database;
    backend?: Backend;
    env?: Record<string, string>;
  } = {},
): Promise<LearningTestApp> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    CONTENT_DIR: FIXTURE_CONTENT,
    WEB_DIST_DIR: '/nonexistent',
    ...opts.env,
  });
  const db = opts.db ?? (await createTestDatabase(opts.backend));
  const app = await buildApp({
    config,
    db,
    curriculum: opts.curriculum ?? loadFixtureCurriculum(),
    logger: false,
    ...(opts.graders ? { graders: opts.graders } : {}),
  });
  await app.ready();
  return {
    app,
    db,
    close: async () => {
      await app.close();
      if (!opts.db) await db.close();
    },
  };
}

/** `app.inject` as a signed-in user (cookie plus the same-origin headers CSRF checks want). */
export function as(app: FastifyInstance, who: SignedUp) {
  return (method: InjectOptions['method'], url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method,
      url,
      headers: { cookie: who.cookie, ...who.csrfHeaders, ...headers },
      ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
    });
}
