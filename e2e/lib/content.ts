/** Picks an SQL exercise and its reference solution from content/ (the journeys need a right answer to type). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './server.ts';

export interface SqlExercise {
  id: string;
  title: string;
  topic: string;
  solution: string;
}

export function findSqlExercise(contentDir = process.env.CONTENT_DIR ?? join(ROOT, 'content')): SqlExercise {
  const found: SqlExercise[] = [];
  const stages = join(contentDir, 'stages');
  for (const stage of readdirSync(stages).sort()) {
    const dir = join(stages, stage, 'exercises');
    let files: string[] = [];
    try {
      files = readdirSync(dir);
    } catch {
      continue;
    }
    for (const f of files.sort()) {
      const e = parse(readFileSync(join(dir, f), 'utf8'));
      if (e?.kind === 'sql' && e.sql?.mode !== 'schema' && e.solution && e.starter !== e.solution) {
        found.push({ id: e.id, title: e.title, topic: e.topic, solution: e.solution });
      }
    }
  }
  const pick = found.find((e) => e.id === 'db-affordable-books') ?? found[0];
  if (!pick) throw new Error(`no SQL query exercise in ${contentDir}`);
  return pick;
}

/** One stage's graded work with right answers: each exercise's reference solution and each quiz's answers. */
export interface StageWork {
  stageId: string;
  topics: string[];
  exercises: { id: string; solution: string }[];
  quizzes: { id: string; answers: Record<string, string | string[]> }[];
}

export function stageWork(
  stageDirName: string,
  contentDir = process.env.CONTENT_DIR ?? join(ROOT, 'content'),
): StageWork {
  const dir = join(contentDir, 'stages', stageDirName);
  const manifest = parse(readFileSync(join(dir, 'stage.yaml'), 'utf8'));
  const exercises = readdirSync(join(dir, 'exercises'))
    .sort()
    .map((f) => parse(readFileSync(join(dir, 'exercises', f), 'utf8')))
    .map((e) => ({ id: e.id as string, solution: e.solution as string }));
  const quizzes = readdirSync(join(dir, 'topics'))
    .filter((f) => f.endsWith('.quiz.yaml'))
    .sort()
    .map((f) => parse(readFileSync(join(dir, 'topics', f), 'utf8')))
    .map((q) => ({
      id: q.id as string,
      answers: Object.fromEntries(
        (q.questions as { id: string; type: string; answer?: string; answers?: string[]; accept?: string[] }[]).map(
          (x) => [x.id, x.type === 'single' ? x.answer! : x.type === 'multiple' ? x.answers! : x.accept![0]!],
        ),
      ),
    }));
  return { stageId: manifest.id, topics: manifest.topics, exercises, quizzes };
}
