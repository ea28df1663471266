/** The loaded, validated curriculum: what the API, the CLI and the content check work with. */
import type { Exercise, ProjectFile, QuizFile, StageManifest, TopicFrontMatter } from '@backpath/contracts';

export interface Topic extends TopicFrontMatter {
  stageId: string;
  /** The lesson, Markdown. */
  body: string;
  file: string;
  /** Line of the file where the Markdown body starts (after the front matter). */
  bodyLine: number;
  quizId?: string;
  exerciseIds: string[];
}

export interface Stage extends StageManifest {
  dir: string;
}

export type LoadedExercise = Exercise & { file: string };
export type LoadedQuiz = QuizFile & { file: string };

export interface IdMap {
  renamed: Record<string, string>;
  retired: string[];
}

export interface Curriculum {
  title: string;
  version: string;
  /** In roadmap order. */
  stages: Stage[];
  topics: Map<string, Topic>;
  quizzes: Map<string, LoadedQuiz>;
  exercises: Map<string, LoadedExercise>;
  projects: Map<string, ProjectFile & { file: string }>;
  idMap: IdMap;
}

/** Follows renames (possibly chained) to the current id; `undefined` for retired or unknown ids. */
export function resolveContentId(curriculum: Curriculum, id: string): string | undefined {
  let current = id;
  for (let hops = 0; hops < 20; hops++) {
    if (curriculum.topics.has(current) || curriculum.exercises.has(current) || curriculum.quizzes.has(current)) {
      return current;
    }
    if (curriculum.stages.some((s) => s.id === current)) return current;
    const next = curriculum.idMap.renamed[current];
    if (!next) return undefined;
    current = next;
  }
  return undefined;
}
