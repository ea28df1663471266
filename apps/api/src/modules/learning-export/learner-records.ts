/**
 * Everything else the platform keeps about a learner (the `records` of export version 2): review
 * schedule, activity, settings and portfolio, which an import restores, and what belongs to this
 * instance (credentials, capstone reports, cohorts, comments), which an import keeps as imported.
 */
import type { Queryable } from '../../db/client.ts';

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
type Row = Record<string, unknown>;

/** Imported records are carried into the next export as they came, with the instance they came from. */
function importedOf(rows: Row[], kind: string) {
  return rows
    .filter((r) => r.kind === kind)
    .map((r) => ({ ...(r.payload as Record<string, unknown>), importedFrom: (r.source as string | null) ?? null }));
}

export async function exportLearnerRecords(db: Queryable, userId: string, source: string | null = null) {
  const q = (sql: string) => db.query<Row>(sql, [userId]);
  const [settings, activity, review, portfolio, credentials, reports, cohorts, comments, imported] = await Promise.all([
    q('SELECT time_zone FROM learner_settings WHERE user_id = $1'),
    q('SELECT day::text AS day, actions FROM activity_days WHERE user_id = $1 ORDER BY day'),
    q('SELECT question_key, due, reps, card FROM review_cards WHERE user_id = $1 ORDER BY question_key'),
    q(`SELECT handle, published, display_name, bio, show_stages, show_exercises, show_projects, updated_at
       FROM portfolios WHERE user_id = $1`),
    q('SELECT id, stage_id, jwt, issued_at FROM credentials WHERE user_id = $1 ORDER BY issued_at'),
    q(
      'SELECT id, project_id, passed, passed_stages, report, created_at FROM project_reports WHERE user_id = $1 ORDER BY created_at',
    ),
    q(`SELECT c.id, c.name, m.role, m.joined_at FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id
       WHERE m.user_id = $1 ORDER BY m.joined_at`),
    q(`SELECT id, submission_id, parent_id, body, created_at FROM submission_comments
       WHERE author_id = $1 ORDER BY created_at`),
    q('SELECT kind, source, payload FROM imported_records WHERE user_id = $1 ORDER BY kind, imported_at, key'),
  ]);
  const p = portfolio[0];
  return {
    source,
    timeZone: (settings[0]?.time_zone as string | undefined) ?? null,
    activityDays: activity.map((r) => ({ date: String(r.day).slice(0, 10), actions: Number(r.actions) })),
    reviewCards: review.map((r) => ({
      questionKey: r.question_key as string,
      due: iso(r.due),
      reps: Number(r.reps),
      card: r.card,
    })),
    portfolio: p
      ? {
          handle: p.handle as string,
          published: p.published as boolean,
          displayName: (p.display_name as string | null) ?? null,
          bio: (p.bio as string | null) ?? null,
          showStages: p.show_stages as boolean,
          showExercises: p.show_exercises as boolean,
          showProjects: p.show_projects as boolean,
          updatedAt: iso(p.updated_at),
        }
      : null,
    credentials: credentials
      .map((r) => ({
        id: r.id as string,
        stageId: r.stage_id as string,
        jwt: r.jwt as string,
        issuedAt: iso(r.issued_at),
      }))
      .concat(importedOf(imported, 'credential') as never[]),
    projectReports: reports
      .map((r) => ({
        id: r.id as string,
        projectId: r.project_id as string,
        passed: r.passed as boolean,
        passedStages: r.passed_stages,
        report: r.report,
        createdAt: iso(r.created_at),
      }))
      .concat(importedOf(imported, 'project_report') as never[]),
    cohorts: cohorts
      .map((r) => ({
        id: r.id as string,
        name: r.name as string,
        role: r.role as string,
        joinedAt: iso(r.joined_at),
      }))
      .concat(importedOf(imported, 'cohort') as never[]),
    commentsWritten: comments
      .map((r) => ({
        id: r.id as string,
        submissionId: r.submission_id as string,
        parentId: (r.parent_id as string | null) ?? null,
        body: r.body as string,
        createdAt: iso(r.created_at),
      }))
      .concat(importedOf(imported, 'comment') as never[]),
  };
}
