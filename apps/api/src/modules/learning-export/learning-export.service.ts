/**
 * Export and import of a learner's progress, notes, links, submissions and quiz attempts. Import
 * merges rather than replaces: a status only moves forward, a note only replaces an older one, and
 * records already present (same exercise/quiz and time) are not duplicated — so importing twice is safe.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/client.ts';
import type { LearningContext } from '../progress/learning-context.ts';
import { invalidateLearner } from '../progress/learning-context.ts';
import type { LearningExport } from './export.schemas.ts';
import { importRecords } from './import-records.ts';
import { exportLearnerRecords } from './learner-records.ts';

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
const RANK: Record<string, number> = { not_started: 0, skipped: 1, learning: 2, done: 3 };

export async function exportLearning(
  db: Queryable,
  contentVersion: string,
  userId: string,
  source: string | null = null,
): Promise<LearningExport> {
  const q = <T>(sql: string) => db.query<T>(sql, [userId]);
  type R = Record<string, unknown>;
  const [progress, notes, links, submissions, attempts, records] = await Promise.all([
    q<R>('SELECT topic_id, status, updated_at FROM topic_progress WHERE user_id = $1 ORDER BY topic_id'),
    q<R>('SELECT topic_id, body, updated_at FROM topic_notes WHERE user_id = $1 ORDER BY topic_id'),
    q<R>('SELECT topic_id, url, title, created_at FROM topic_links WHERE user_id = $1 ORDER BY created_at'),
    q<R>(`SELECT exercise_id, mode, code, verdict, result, content_version, created_at, graded_at, duration_ms
          FROM submissions WHERE user_id = $1 AND status = 'graded' ORDER BY created_at`),
    q<R>(`SELECT quiz_id, answers, correct, total, passed, content_version, created_at
          FROM quiz_attempts WHERE user_id = $1 ORDER BY created_at`),
    exportLearnerRecords(db, userId, source),
  ]);
  return {
    format: 'backpath-learning-export',
    version: 2,
    exportedAt: new Date().toISOString(),
    contentVersion,
    progress: progress.map((r) => ({
      topicId: r.topic_id as string,
      status: r.status as never,
      updatedAt: iso(r.updated_at as string)!,
    })),
    notes: notes.map((r) => ({
      topicId: r.topic_id as string,
      body: r.body as string,
      updatedAt: iso(r.updated_at as string)!,
    })),
    links: links.map((r) => ({
      topicId: r.topic_id as string,
      url: r.url as string,
      title: r.title as string,
      createdAt: iso(r.created_at as string)!,
    })),
    submissions: submissions.map((r) => ({
      exerciseId: r.exercise_id as string,
      mode: r.mode as 'run' | 'submit',
      code: r.code as string,
      verdict: r.verdict as 'pass' | 'fail' | 'error' | null,
      result: r.result,
      contentVersion: r.content_version as string,
      createdAt: iso(r.created_at as string)!,
      gradedAt: iso(r.graded_at as string | null),
      durationMs: r.duration_ms as number | null,
    })),
    quizAttempts: attempts.map((r) => ({
      quizId: r.quiz_id as string,
      answers: r.answers as Record<string, string>,
      correct: r.correct as number,
      total: r.total as number,
      passed: r.passed as boolean,
      contentVersion: r.content_version as string,
      createdAt: iso(r.created_at as string)!,
    })),
    records: records as LearningExport['records'] & object,
  };
}

export async function importLearning(ctx: LearningContext, userId: string, input: LearningExport) {
  const counts = { progress: 0, notes: 0, links: 0, submissions: 0, quizAttempts: 0, skipped: 0 };
  let records: Awaited<ReturnType<typeof importRecords>> | undefined;
  // Items this instance's curriculum has never heard of (not even as a renamed or retired id) are
  // skipped rather than stored as phantom progress.
  const known = (id: string) => {
    const ok = ctx.content.resolve(id) !== undefined || ctx.content.curriculum.idMap.retired.includes(id);
    if (!ok) counts.skipped++;
    return ok;
  };
  const data = {
    ...input,
    progress: input.progress.filter((p) => known(p.topicId)),
    notes: input.notes.filter((n) => known(n.topicId)),
    links: input.links.filter((l) => known(l.topicId)),
    submissions: input.submissions.filter((s) => known(s.exerciseId)),
    quizAttempts: input.quizAttempts.filter((a) => known(a.quizId)),
  };
  await ctx.db.transaction(async (tx: Queryable) => {
    for (const p of data.progress) {
      const [had] = await tx.query<{ status: string }>(
        'SELECT status FROM topic_progress WHERE user_id = $1 AND topic_id = $2',
        [userId, p.topicId],
      );
      if (had && RANK[had.status]! >= RANK[p.status]!) continue;
      await tx.query(
        `INSERT INTO topic_progress (user_id, topic_id, status, source, updated_at) VALUES ($1, $2, $3, 'import', $4)
         ON CONFLICT (user_id, topic_id) DO UPDATE SET status = EXCLUDED.status, source = 'import', updated_at = EXCLUDED.updated_at`,
        [userId, p.topicId, p.status, p.updatedAt],
      );
      counts.progress++;
    }
    for (const n of data.notes) {
      const rows = await tx.query(
        `INSERT INTO topic_notes (user_id, topic_id, body, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, topic_id) DO UPDATE SET body = EXCLUDED.body, updated_at = EXCLUDED.updated_at
         WHERE topic_notes.updated_at < EXCLUDED.updated_at RETURNING 1`,
        [userId, n.topicId, n.body, n.updatedAt],
      );
      counts.notes += rows.length;
    }
    for (const l of data.links) {
      const rows = await tx.query(
        `INSERT INTO topic_links (id, user_id, topic_id, url, title, created_at)
         SELECT $1, $2, $3, $4, $5, $6 WHERE NOT EXISTS (
           SELECT 1 FROM topic_links WHERE user_id = $2 AND topic_id = $3 AND url = $4) RETURNING 1`,
        [randomUUID(), userId, l.topicId, l.url, l.title, l.createdAt],
      );
      counts.links += rows.length;
    }
    for (const s of data.submissions) {
      const passed =
        (s.result as { tests?: { status: string }[] } | null)?.tests?.filter((t) => t.status === 'pass').length ?? null;
      const rows = await tx.query(
        `INSERT INTO submissions (id, user_id, exercise_id, mode, code, status, verdict, result, content_version,
           duration_ms, tests_passed, created_at, graded_at, imported)
         SELECT $1, $2, $3, $4, $5, 'graded', $6, $7, $8, $9, $10, $11, $12, true WHERE NOT EXISTS (
           SELECT 1 FROM submissions WHERE user_id = $2 AND exercise_id = $3 AND created_at = $11::timestamptz) RETURNING 1`,
        [
          randomUUID(),
          userId,
          s.exerciseId,
          s.mode,
          s.code,
          s.verdict,
          JSON.stringify(s.result ?? null),
          s.contentVersion,
          s.durationMs === null ? null : Math.round(s.durationMs),
          passed,
          s.createdAt,
          s.gradedAt,
        ],
      );
      counts.submissions += rows.length;
    }
    for (const a of data.quizAttempts) {
      const rows = await tx.query(
        `INSERT INTO quiz_attempts (id, user_id, quiz_id, answers, correct, total, passed, content_version, created_at,
           imported)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, true WHERE NOT EXISTS (
           SELECT 1 FROM quiz_attempts WHERE user_id = $2 AND quiz_id = $3 AND created_at = $9::timestamptz) RETURNING 1`,
        [
          randomUUID(),
          userId,
          a.quizId,
          JSON.stringify(a.answers),
          a.correct,
          a.total,
          a.passed,
          a.contentVersion,
          a.createdAt,
        ],
      );
      counts.quizAttempts += rows.length;
    }
    if (input.records) records = await importRecords(tx, ctx, userId, input.records);
  });
  await invalidateLearner(ctx, userId);
  return records
    ? { imported: { ...counts, ...records.imported }, notes: records.notes }
    : { imported: counts, notes: [] };
}
