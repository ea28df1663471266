/**
 * What the API needs from `@backpath/graders`: one `grade()` call. Typed structurally so the API
 * (and its tests) depend on the contract, not on the engines being loaded.
 */
import type { Exercise, GradeResult } from '@backpath/contracts';

export interface GraderLike {
  grade(exercise: Exercise, submission: string, options?: { mode?: 'run' | 'submit' }): Promise<GradeResult>;
  close?(): Promise<void>;
}

/** Submissions larger than this are refused with 413 before any engine sees them (as the graders do). */
export const MAX_SUBMISSION_BYTES = 64 * 1024;
