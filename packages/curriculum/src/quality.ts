/**
 * The curriculum's editorial bar, checked by `npm run content:check` on the real content (the
 * loader alone accepts small fixtures): 4–8 topics and at least 3 graded exercises per stage; for
 * each complete topic a lesson of roughly 400–1,200 words, 3–8 resources and a quiz of 4–8
 * questions; exercises with hidden checks where the kind has them (hints are required by the schema).
 */
import type { Curriculum } from './model.ts';
import type { ProblemList } from './problems.ts';

export const QUALITY = {
  topicsPerStage: [4, 8],
  exercisesPerStage: 3,
  lessonWords: [400, 1200],
  resources: [3, 8],
  questions: [4, 8],
} as const;

/** Kinds whose checks are all run against the learner's work and may be hidden (not quiz, not mutants). */
const HIDDEN_CHECK_KINDS = new Set(['code', 'sql', 'http', 'redis', 'document', 'config', 'local']);

const outside = (n: number, [min, max]: readonly [number, number]) => n < min || n > max;

export function checkQuality(c: Curriculum, problems: ProblemList): void {
  for (const stage of c.stages) {
    const file = `${stage.dir}/stage.yaml`;
    const topics = stage.topics.flatMap((id) => c.topics.get(id) ?? []);
    if (outside(topics.length, QUALITY.topicsPerStage)) {
      problems.add(file, 1, `stage "${stage.id}" has ${topics.length} topics; a stage teaches 4 to 8`);
    }
    const exercises = topics.reduce((n, t) => n + t.exerciseIds.length, 0);
    if (exercises < QUALITY.exercisesPerStage) {
      problems.add(file, 1, `stage "${stage.id}" has ${exercises} graded exercises; it needs at least 3`);
    }
    for (const topic of topics) {
      if (topic.status !== 'complete') continue;
      const words = topic.body.split(/\s+/).filter(Boolean).length;
      if (outside(words, QUALITY.lessonWords)) {
        problems.add(topic.file, topic.bodyLine, `the lesson has ${words} words; aim for 400 to 1,200`);
      }
      if (outside(topic.resources.length, QUALITY.resources)) {
        problems.add(topic.file, 1, `the topic lists ${topic.resources.length} resources; list 3 to 8`);
      }
      const quiz = topic.quizId ? c.quizzes.get(topic.quizId) : undefined;
      if (!quiz) problems.add(topic.file, 1, 'a complete topic needs a quiz');
      else if (outside(quiz.questions.length, QUALITY.questions)) {
        problems.add(quiz.file, 1, `the quiz has ${quiz.questions.length} questions; ask 4 to 8`);
      }
    }
  }
  for (const ex of c.exercises.values()) {
    if (HIDDEN_CHECK_KINDS.has(ex.kind)) {
      const checks = (ex as unknown as Record<string, { checks?: { hidden?: boolean }[] }>)[ex.kind]?.checks ?? [];
      if (!checks.some((k) => k.hidden)) {
        problems.add(ex.file, 1, 'an exercise needs a hidden check, so a solution cannot be fitted to what it sees');
      }
    }
  }
}
