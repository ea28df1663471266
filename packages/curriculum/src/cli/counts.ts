/** Prints what the curriculum holds: the figures the closing notes and the README quote. */
import type { Curriculum } from '../model.ts';

export function printCounts(c: Curriculum): void {
  const topics = [...c.topics.values()];
  const complete = topics.filter((t) => t.status === 'complete').length;
  const byKind = new Map<string, number>();
  for (const ex of c.exercises.values()) byKind.set(ex.kind, (byKind.get(ex.kind) ?? 0) + 1);
  const questions = [...c.quizzes.values()].reduce((n, q) => n + q.questions.length, 0);
  const words = topics.reduce((n, t) => n + t.body.split(/\s+/).filter(Boolean).length, 0);
  const kinds = [...byKind].map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(
    `content: ${c.stages.length} stages, ${topics.length} topics (${complete} complete), ${c.quizzes.size} quizzes ` +
      `(${questions} questions), ${c.exercises.size} exercises (${kinds || 'none'}), ${words} lesson words`,
  );
  for (const stage of c.stages) {
    const ts = stage.topics.map((id) => c.topics.get(id)).filter((t) => t !== undefined);
    const ex = ts.reduce((n, t) => n + t.exerciseIds.length, 0);
    const quizzes = ts.filter((t) => t.quizId).length;
    console.log(
      `  ${String(stage.number).padStart(2)} ${stage.id}: ${ts.length} topics, ${quizzes} quizzes, ${ex} exercises`,
    );
  }
}
