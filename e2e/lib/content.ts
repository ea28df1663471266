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
