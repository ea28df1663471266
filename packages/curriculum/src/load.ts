/**
 * Loads `content/` into the typed curriculum model, collecting every problem (with file and line)
 * instead of stopping at the first, so an author sees them all at once.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  EXERCISE_KINDS,
  Exercise,
  IdMapFile,
  ProjectFile,
  Question,
  QuizFile,
  RoadmapFile,
  StageManifest,
  TopicFrontMatter,
} from '@backpath/contracts';
import { type TSchema, Type } from 'typebox';
import { crossCheck, type Sources } from './cross-check.ts';
import { splitFrontMatter } from './front-matter.ts';
import type { Curriculum, LoadedExercise, LoadedQuiz, Stage, Topic } from './model.ts';
import { ProblemList } from './problems.ts';
import { validate } from './validate.ts';
import { parseYaml, type YamlSource } from './yaml-source.ts';

export interface LoadResult {
  curriculum: Curriculum;
  problems: ProblemList;
}

const QuizEnvelope = Type.Object(
  { ...QuizFile.properties, questions: Type.Array(Type.Unknown(), { minItems: 1 }) },
  { additionalProperties: false },
);
const questionVariants = new Map<string, TSchema>(
  Question.anyOf.map((v) => [String((v.properties.type as { const: string }).const), v]),
);
const exerciseVariants = new Map<string, TSchema>(
  Exercise.anyOf.map((v) => [String((v.properties.kind as { const: string }).const), v]),
);

export function loadCurriculum(contentDir: string): LoadResult {
  const problems = new ProblemList();
  const rel = (p: string) => relative(process.cwd(), p) || p;
  const read = (path: string): string | undefined => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      problems.add(rel(path), 1, 'file is missing or unreadable');
      return undefined;
    }
  };
  const yamlFile = (path: string): YamlSource | undefined => {
    const text = read(path);
    return text === undefined ? undefined : parseYaml(rel(path), text, problems);
  };

  const curriculum: Curriculum = {
    title: '',
    version: '',
    stages: [],
    topics: new Map(),
    quizzes: new Map(),
    exercises: new Map(),
    projects: new Map(),
    idMap: { renamed: {}, retired: [] },
  };
  const sources: Sources = { stages: new Map(), topics: new Map(), quizzes: new Map(), exercises: new Map() };
  const roadmapSrc = yamlFile(join(contentDir, 'roadmap.yaml'));
  if (roadmapSrc && validate(RoadmapFile, roadmapSrc, problems)) {
    const roadmap = roadmapSrc.data as { title: string; version: string };
    curriculum.title = roadmap.title;
    curriculum.version = roadmap.version;
  }
  const idMapPath = join(contentDir, 'id-map.yaml');
  if (existsSync(idMapPath)) {
    const src = yamlFile(idMapPath);
    if (src && validate(IdMapFile, src, problems)) {
      const data = (src.data ?? {}) as { renamed?: Record<string, string>; retired?: string[] };
      curriculum.idMap = { renamed: data.renamed ?? {}, retired: data.retired ?? [] };
    }
  }

  const stagesDir = join(contentDir, 'stages');
  const stageDirs = existsSync(stagesDir) ? readdirSync(stagesDir).sort() : [];
  const stagesById = new Map<string, Stage>();
  for (const dirName of stageDirs) {
    const dir = join(stagesDir, dirName);
    const src = yamlFile(join(dir, 'stage.yaml'));
    if (!src || !validate(StageManifest, src, problems)) continue;
    const stage = { ...(src.data as StageManifest), dir: rel(dir) };
    stagesById.set(stage.id, stage);
    sources.stages.set(stage.id, src);
    loadTopics(dir, stage.id);
    loadExercises(dir);
  }
  const order = roadmapSrc ? ((roadmapSrc.data as { stages?: string[] }).stages ?? []) : [];
  curriculum.stages = order.flatMap((id) => stagesById.get(id) ?? []);

  const projectsDir = join(contentDir, 'projects');
  for (const name of existsSync(projectsDir) ? readdirSync(projectsDir).sort() : []) {
    const src = yamlFile(join(projectsDir, name, 'project.yaml'));
    if (!src || !validate(ProjectFile, src, problems)) continue;
    const project = src.data as ProjectFile;
    curriculum.projects.set(project.id, { ...project, file: src.file });
  }

  crossCheck(curriculum, { roadmapSrc, stagesById, order, ...sources }, problems);
  return { curriculum, problems };

  function loadTopics(stageDir: string, stageId: string): void {
    const topicsDir = join(stageDir, 'topics');
    if (!existsSync(topicsDir)) return;
    for (const name of readdirSync(topicsDir).sort()) {
      const path = join(topicsDir, name);
      if (name.endsWith('.quiz.yaml')) loadQuiz(path);
      else if (name.endsWith('.md')) loadTopic(path, stageId);
      else problems.add(rel(path), 1, 'unexpected file: topics/ holds <slug>.md lessons and <slug>.quiz.yaml quizzes');
    }
  }

  function loadTopic(path: string, stageId: string): void {
    const text = read(path);
    if (text === undefined) return;
    const split = splitFrontMatter(text);
    if (!split) {
      problems.add(rel(path), 1, 'a lesson must start with YAML front matter between --- lines');
      return;
    }
    const src = parseYaml(rel(path), split.yaml, problems, split.yamlLineOffset);
    if (!src || !validate(TopicFrontMatter, src, problems)) return;
    const fm = src.data as TopicFrontMatter;
    if (curriculum.topics.has(fm.id)) {
      problems.add(src.file, src.lineOf('/id'), `duplicate topic id "${fm.id}"`);
      return;
    }
    const bodyLine = split.yaml.split('\n').length + 2;
    const topic: Topic = { ...fm, stageId, body: split.body, file: src.file, bodyLine, exerciseIds: [] };
    curriculum.topics.set(fm.id, topic);
    sources.topics.set(fm.id, src);
  }

  function loadQuiz(path: string): void {
    const src = yamlFile(path);
    if (!src || !validate(QuizEnvelope, src, problems)) return;
    const quiz = src.data as LoadedQuiz;
    let ok = true;
    quiz.questions.forEach((q, i) => {
      const type = (q as { type?: unknown }).type;
      const variant = questionVariants.get(String(type));
      if (!variant) {
        problems.add(src.file, src.lineOf(`/questions/${i}/type`), `question type must be single, multiple or short`);
        ok = false;
        return;
      }
      const sub: YamlSource = { ...src, data: q, lineOf: (p) => src.lineOf(`/questions/${i}${p}`) };
      ok = validate(variant, sub, problems, `/questions/${i}`) && ok;
    });
    if (!ok) return;
    if (curriculum.quizzes.has(quiz.id)) {
      problems.add(src.file, src.lineOf('/id'), `duplicate quiz id "${quiz.id}"`);
      return;
    }
    curriculum.quizzes.set(quiz.id, { ...quiz, file: src.file });
    sources.quizzes.set(quiz.id, src);
  }

  function loadExercises(stageDir: string): void {
    const exercisesDir = join(stageDir, 'exercises');
    if (!existsSync(exercisesDir)) return;
    for (const name of readdirSync(exercisesDir).sort()) {
      const path = join(exercisesDir, name);
      if (!name.endsWith('.yaml')) {
        problems.add(rel(path), 1, 'unexpected file: exercises/ holds <slug>.yaml files');
        continue;
      }
      const src = yamlFile(path);
      if (!src) continue;
      const kind = (src.data as { kind?: unknown } | null)?.kind;
      const variant = exerciseVariants.get(String(kind));
      if (!variant) {
        problems.add(
          src.file,
          src.lineOf('/kind'),
          `unknown exercise kind "${String(kind)}" (one of: ${EXERCISE_KINDS.join(', ')})`,
        );
        continue;
      }
      if (!validate(variant, src, problems)) continue;
      const exercise = src.data as LoadedExercise;
      if (curriculum.exercises.has(exercise.id)) {
        problems.add(src.file, src.lineOf('/id'), `duplicate exercise id "${exercise.id}"`);
        continue;
      }
      curriculum.exercises.set(exercise.id, { ...exercise, file: src.file });
      sources.exercises.set(exercise.id, src);
    }
  }
}
