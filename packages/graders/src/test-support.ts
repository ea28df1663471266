/** Builders for exercise fixtures in this package's tests. */
import type { ExerciseOfKind } from '@backpath/contracts';

const common = {
  topic: 'practice',
  difficulty: 'beginner' as const,
  instructions: 'Solve the exercise as described in the instructions.',
  starter: '',
  hints: ['Read the instructions again.'],
};

type SpecOf = {
  redis: ExerciseOfKind<'redis'>['redis'];
  document: ExerciseOfKind<'document'>['document'];
  config: ExerciseOfKind<'config'>['config'];
  local: ExerciseOfKind<'local'>['local'];
};

export function exercise<K extends keyof SpecOf>(kind: K, solution: string, spec: SpecOf[K]): ExerciseOfKind<K> {
  const built: Record<string, unknown> = { ...common, id: `test-${kind}`, title: `A ${kind} exercise`, kind, solution };
  built[kind] = spec;
  return built as unknown as ExerciseOfKind<K>;
}
