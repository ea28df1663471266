/**
 * Checks that hold between files: every reference points at something that exists, ids are unique
 * across kinds, answers are among the options, and the roadmap order is complete.
 */
import type { Curriculum, Stage } from './model.ts';
import type { ProblemList } from './problems.ts';
import type { YamlSource } from './yaml-source.ts';

export interface Sources {
  stages: Map<string, YamlSource>;
  topics: Map<string, YamlSource>;
  quizzes: Map<string, YamlSource>;
  exercises: Map<string, YamlSource>;
}

interface Context extends Sources {
  roadmapSrc: YamlSource | undefined;
  stagesById: Map<string, Stage>;
  order: string[];
}

export function crossCheck(c: Curriculum, ctx: Context, problems: ProblemList): void {
  const roadmapFile = ctx.roadmapSrc?.file ?? 'content/roadmap.yaml';
  ctx.order.forEach((id, i) => {
    const stage = ctx.stagesById.get(id);
    const line = ctx.roadmapSrc?.lineOf(`/stages/${i}`) ?? 1;
    if (!stage) problems.add(roadmapFile, line, `stage "${id}" has no content/stages/*/stage.yaml`);
    else if (stage.number !== i + 1) {
      problems.add(
        `${stage.dir}/stage.yaml`,
        1,
        `stage "${id}" is number ${stage.number} but is listed ${i + 1}th in roadmap.yaml`,
      );
    }
  });
  for (const stage of ctx.stagesById.values()) {
    if (!ctx.order.includes(stage.id))
      problems.add(`${stage.dir}/stage.yaml`, 1, `stage "${stage.id}" is not listed in roadmap.yaml`);
  }

  // Ids are unique across kinds, so progress records and URLs can never be ambiguous.
  const owners = new Map<string, string>();
  const claim = (id: string, what: string, file: string, line: number) => {
    const prev = owners.get(id);
    if (prev) problems.add(file, line, `id "${id}" is already used by ${prev}`);
    else owners.set(id, `${what} in ${file}`);
  };
  for (const s of ctx.stagesById.values()) claim(s.id, 'a stage', `${s.dir}/stage.yaml`, 1);

  const topicStage = new Map<string, string>();
  for (const stage of ctx.stagesById.values()) {
    const stageSrc = ctx.stages.get(stage.id);
    stage.topics.forEach((topicId, i) => {
      const file = `${stage.dir}/stage.yaml`;
      const line = stageSrc?.lineOf(`/topics/${i}`) ?? 1;
      const topic = c.topics.get(topicId);
      if (!topic) problems.add(file, line, `topics[${i}]: unknown topic "${topicId}"`);
      else if (topic.stageId !== stage.id) {
        problems.add(file, line, `topics[${i}]: topic "${topicId}" lives in another stage's folder (${topic.file})`);
      } else if (topicStage.has(topicId)) problems.add(file, line, `topics[${i}]: "${topicId}" is listed twice`);
      topicStage.set(topicId, stage.id);
    });
  }
  for (const topic of c.topics.values()) {
    const src = ctx.topics.get(topic.id);
    const line = src?.lineOf('/id') ?? 1;
    claim(topic.id, 'a topic', topic.file, line);
    if (!topicStage.has(topic.id))
      problems.add(topic.file, line, `topic "${topic.id}" is not listed in its stage.yaml`);
    (topic.prerequisites ?? []).forEach((p, i) => {
      if (!c.topics.has(p))
        problems.add(topic.file, src?.lineOf(`/prerequisites/${i}`) ?? line, `unknown prerequisite "${p}"`);
      if (p === topic.id) problems.add(topic.file, line, 'a topic cannot be its own prerequisite');
    });
  }

  for (const quiz of c.quizzes.values()) {
    const src = ctx.quizzes.get(quiz.id);
    claim(quiz.id, 'a quiz', quiz.file, src?.lineOf('/id') ?? 1);
    const topic = c.topics.get(quiz.topic);
    if (!topic) problems.add(quiz.file, src?.lineOf('/topic') ?? 1, `unknown topic "${quiz.topic}"`);
    else if (topic.quizId)
      problems.add(quiz.file, src?.lineOf('/topic') ?? 1, `topic "${quiz.topic}" already has quiz "${topic.quizId}"`);
    else topic.quizId = quiz.id;
    const questionIds = new Set<string>();
    quiz.questions.forEach((q, qi) => {
      const at = (p: string) => src?.lineOf(`/questions/${qi}${p}`) ?? 1;
      if (questionIds.has(q.id)) problems.add(quiz.file, at('/id'), `duplicate question id "${q.id}"`);
      questionIds.add(q.id);
      if (q.type === 'short') return;
      const choiceIds = q.choices.map((ch) => ch.id);
      if (new Set(choiceIds).size !== choiceIds.length) problems.add(quiz.file, at('/choices'), 'duplicate choice ids');
      const answers = q.type === 'single' ? [q.answer] : q.answers;
      answers.forEach((a, ai) => {
        if (!choiceIds.includes(a)) {
          const path = q.type === 'single' ? '/answer' : `/answers/${ai}`;
          problems.add(quiz.file, at(path), `answer "${a}" is not among the choices (${choiceIds.join(', ')})`);
        }
      });
    });
  }

  for (const ex of c.exercises.values()) {
    const src = ctx.exercises.get(ex.id);
    claim(ex.id, 'an exercise', ex.file, src?.lineOf('/id') ?? 1);
    const topic = c.topics.get(ex.topic);
    if (!topic) problems.add(ex.file, src?.lineOf('/topic') ?? 1, `unknown topic "${ex.topic}"`);
    else topic.exerciseIds.push(ex.id);
  }

  for (const [from, to] of Object.entries(c.idMap.renamed)) {
    if (!owners.has(to) && !c.idMap.renamed[to])
      problems.add('content/id-map.yaml', 1, `renamed "${from}" points at unknown id "${to}"`);
    if (owners.has(from))
      problems.add('content/id-map.yaml', 1, `renamed "${from}" is still in use by ${owners.get(from)}`);
  }
  for (const project of c.projects.values()) {
    project.stages.forEach((s) => {
      if (!ctx.stagesById.has(s.roadmapStage))
        problems.add(project.file, 1, `stage ${s.number}: unknown roadmapStage "${s.roadmapStage}"`);
    });
  }
}
