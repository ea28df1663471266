import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCurriculum } from './load.ts';
import { formatProblem, ProblemList } from './problems.ts';
import { checkQuality } from './quality.ts';

const CONTENT = fileURLToPath(new URL('../../../content', import.meta.url));

describe('the editorial bar', () => {
  const { curriculum } = loadCurriculum(CONTENT);

  it('holds for the curriculum as written', () => {
    const problems = new ProblemList();
    checkQuality(curriculum, problems);
    expect(problems.items.map(formatProblem)).toEqual([]);
  });

  it('names the file of a thin lesson, a short resource list, a small quiz and a stage without exercises', () => {
    const stage = curriculum.stages[1]!;
    const topic = curriculum.topics.get(stage.topics[0]!)!;
    const quiz = curriculum.quizzes.get(topic.quizId!)!;
    const thin = {
      ...curriculum,
      topics: new Map([
        ...curriculum.topics,
        [topic.id, { ...topic, body: 'Too short.', resources: topic.resources.slice(0, 1) }],
      ]),
      quizzes: new Map([...curriculum.quizzes, [quiz.id, { ...quiz, questions: quiz.questions.slice(0, 2) }]]),
    };
    const problems = new ProblemList();
    checkQuality(thin, problems);
    const lines = problems.items.map(formatProblem);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${topic.file}:\\d+: the lesson has 2 words`)));
    expect(lines).toContainEqual(`${topic.file}:1: the topic lists 1 resources; list 3 to 8`);
    expect(lines).toContainEqual(`${quiz.file}:1: the quiz has 2 questions; ask 4 to 8`);

    const noExercises = {
      ...curriculum,
      topics: new Map(
        [...curriculum.topics].map(([id, t]) => [id, t.stageId === stage.id ? { ...t, exerciseIds: [] } : t]),
      ),
    };
    const more = new ProblemList();
    checkQuality(noExercises, more);
    expect(more.items.map(formatProblem)).toContain(
      `${stage.dir}/stage.yaml:1: stage "${stage.id}" has 0 graded exercises; it needs at least 3`,
    );
  });
});
