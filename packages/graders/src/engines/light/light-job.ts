/** Grades one redis, document or config job; runs inside a light worker (or inline in tests). */
import type { Exercise } from '@backpath/contracts';
import type { GradeMode } from '../../engine.ts';
import type { Verdict } from '../../results.ts';
import { gradeConfig } from '../config/grade-config.ts';
import { gradeDocument } from '../document/grade-document.ts';
import { gradeRedis } from '../redis/grade-redis.ts';
import { createSession, type RedisSession } from '../redis/run-commands.ts';

export type LightKind = 'redis' | 'document' | 'config';

export interface LightJob {
  exercise: Extract<Exercise, { kind: LightKind }>;
  submission: string;
  mode: GradeMode;
  outputBytes: number;
}

let redis: RedisSession | undefined;

export async function gradeLightJob(job: LightJob): Promise<Verdict> {
  const { exercise, submission, mode } = job;
  switch (exercise.kind) {
    case 'redis':
      redis ??= createSession();
      return gradeRedis(redis, exercise, submission, mode, job.outputBytes);
    case 'document':
      return gradeDocument(exercise, submission, mode);
    case 'config':
      return gradeConfig(exercise, submission, mode);
  }
}
