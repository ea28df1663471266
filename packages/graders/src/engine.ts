/**
 * The contract every grading engine implements. Engines are stateful (warm worker pools), so they
 * are created once, shared, and closed on shutdown.
 */
import type { ExerciseKind, ExerciseOfKind, GradeLimits, GradeResult } from '@backpath/contracts';

/** `run` grades the visible checks only (the editor's Run button); `submit` grades every check. */
export type GradeMode = 'run' | 'submit';

export interface GradeOptions {
  limits: GradeLimits;
  mode: GradeMode;
}

export interface Engine<K extends ExerciseKind = ExerciseKind> {
  readonly kind: K;
  grade(exercise: ExerciseOfKind<K>, submission: string, options: GradeOptions): Promise<GradeResult>;
  close(): Promise<void>;
}
