/** Builders for exercise fixtures in this package's tests. */
import type { ExerciseOfKind } from '@backpath/contracts';

const common = {
  topic: 'practice',
  difficulty: 'beginner' as const,
  instructions: 'Solve the exercise as described in the instructions.',
  starter: '',
  hints: ['Read the instructions again.'],
};

export function exercise<K extends 'redis' | 'document' | 'config' | 'local'>(
  kind: K,
  solution: string,
  spec: ExerciseOfKind<K>[K],
): ExerciseOfKind<K> {
  return {
    ...common,
    id: `test-${kind}`,
    title: `A ${kind} exercise`,
    kind,
    solution,
    [kind]: spec,
  } as unknown as ExerciseOfKind<K>;
}
