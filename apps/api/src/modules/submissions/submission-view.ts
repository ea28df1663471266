/** The API shape of a stored submission (timestamps as ISO strings, camelCase). */
import type { GradeResult } from '@backpath/contracts';
import type { SubmissionRow } from './submissions.repository.ts';

export interface SubmissionView {
  id: string;
  exerciseId: string;
  status: SubmissionRow['status'];
  mode: SubmissionRow['mode'];
  code: string;
  result: GradeResult | null;
  createdAt: string;
  gradedAt: string | null;
  durationMs: number | null;
  contentVersion: string;
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

export function toView(row: SubmissionRow): SubmissionView {
  return {
    id: row.id,
    exerciseId: row.exercise_id,
    status: row.status,
    mode: row.mode,
    code: row.code,
    result: row.result,
    createdAt: iso(row.created_at)!,
    gradedAt: iso(row.graded_at),
    durationMs: row.duration_ms,
    contentVersion: row.content_version,
  };
}
