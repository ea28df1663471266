/**
 * The `records` half of a learning import (export version 2). What this instance can restore as its
 * own is restored: the time zone, the activity days behind the streak, the review schedule and the
 * portfolio settings. What belongs to the exporting instance (its signed credentials, the capstone
 * reports it verified, its cohorts and comments) is kept as imported records: shown and exported
 * again, never evidence here. Every step merges, so importing the same file twice changes nothing.
 */
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/client.ts';
import type { LearningContext } from '../progress/learning-context.ts';
import type { LearnerRecords } from './export.schemas.ts';

const HANDLE = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{1,37}[a-zA-Z0-9])$/;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

async function importPortfolio(tx: Queryable, userId: string, p: NonNullable<LearnerRecords['portfolio']>) {
  const [mine] = await tx.query('SELECT 1 FROM portfolios WHERE user_id = $1', [userId]);
  if (mine) return 'This account already has portfolio settings here; they were kept.';
  let handle = HANDLE.test(p.handle) ? p.handle : `learner-${randomBytes(3).toString('hex')}`;
  const [taken] = await tx.query('SELECT 1 FROM portfolios WHERE lower(handle) = lower($1)', [handle]);
  if (taken) handle = `${handle.slice(0, 32)}-${randomBytes(2).toString('hex')}`;
  // Published stays off: the page would show this instance's evidence, which starts empty.
  await tx.query(
    `INSERT INTO portfolios (user_id, handle, published, display_name, bio, show_stages, show_exercises, show_projects)
     VALUES ($1, $2, false, $3, $4, $5, $6, $7)`,
    [userId, handle, p.displayName, p.bio, p.showStages, p.showExercises, p.showProjects],
  );
  return `Portfolio settings imported as "${handle}", unpublished: publish the page when you are ready.`;
}

export async function importRecords(tx: Queryable, ctx: LearningContext, userId: string, records: LearnerRecords) {
  const imported = { activityDays: 0, reviewCards: 0, portfolio: 0, timeZone: 0, keptFromOrigin: 0 };
  const notes: string[] = [];

  if (records.timeZone && isTimeZone(records.timeZone)) {
    const rows = await tx.query(
      `INSERT INTO learner_settings (user_id, time_zone) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING RETURNING 1`,
      [userId, records.timeZone],
    );
    imported.timeZone = rows.length;
  }

  for (const d of records.activityDays) {
    // The larger count of a day wins, so a second import of the same file adds nothing.
    const rows = await tx.query(
      `INSERT INTO activity_days (user_id, day, actions) VALUES ($1, $2::date, $3)
       ON CONFLICT (user_id, day) DO UPDATE SET actions = EXCLUDED.actions
       WHERE activity_days.actions < EXCLUDED.actions RETURNING 1`,
      [userId, d.date, d.actions],
    );
    imported.activityDays += rows.length;
  }

  let unknownCards = 0;
  for (const c of records.reviewCards) {
    const dot = c.questionKey.indexOf('.');
    const quizId = dot > 0 ? ctx.content.resolve(c.questionKey.slice(0, dot)) : undefined;
    if (!quizId) {
      unknownCards++;
      continue;
    }
    // A card already scheduled here is the newer knowledge of this learner; it stays.
    const rows = await tx.query(
      `INSERT INTO review_cards (user_id, question_key, card, due, reps) VALUES ($1, $2, $3, COALESCE($4::timestamptz, now()), $5)
       ON CONFLICT (user_id, question_key) DO NOTHING RETURNING 1`,
      [userId, `${quizId}${c.questionKey.slice(dot)}`, JSON.stringify(c.card ?? {}), c.due, c.reps],
    );
    imported.reviewCards += rows.length;
  }
  if (unknownCards) notes.push(`${unknownCards} review card(s) belong to quizzes this curriculum does not have.`);

  if (records.portfolio) {
    notes.push(await importPortfolio(tx, userId, records.portfolio));
    imported.portfolio = notes.at(-1)!.startsWith('Portfolio') ? 1 : 0;
  }

  const origin: [string, { id: string; importedFrom?: string | null | undefined }[]][] = [
    ['credential', records.credentials],
    ['project_report', records.projectReports],
    ['cohort', records.cohorts],
    ['comment', records.commentsWritten],
  ];
  for (const [kind, items] of origin) {
    for (const { importedFrom, ...payload } of items) {
      const rows = await tx.query(
        `INSERT INTO imported_records (user_id, kind, key, source, payload) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id, kind, key) DO NOTHING RETURNING 1`,
        [userId, kind, payload.id, importedFrom ?? records.source, JSON.stringify(payload)],
      );
      imported.keptFromOrigin += rows.length;
    }
  }
  if (imported.keptFromOrigin) {
    notes.push(
      'Credentials, capstone reports, cohorts and comments from the other instance are kept as imported: ' +
        'they can be checked there, and are not evidence here until you pass the work again.',
    );
  }
  return { imported, notes };
}
