/** Which file an exercise's starter goes into, by kind (and language), and the folder's metadata file. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PublicExercise } from '../api-client.ts';
import { CliError, EXIT } from '../exit-codes.ts';

export const META_FILE = '.backpath-exercise.json';

export interface ExerciseMeta {
  id: string;
  kind: string;
  file: string;
  server: string;
}

export function starterFileName(ex: PublicExercise): string {
  const lang = (
    ex.language ??
    (ex[ex.kind] as { language?: string } | undefined)?.language ??
    'typescript'
  ).toLowerCase();
  const ext = lang.startsWith('py') ? 'py' : lang.startsWith('js') || lang === 'javascript' ? 'js' : 'ts';
  const format =
    (ex.setup as { format?: string } | undefined)?.format ?? (ex[ex.kind] as { format?: string } | undefined)?.format;
  switch (ex.kind) {
    case 'sql':
      return 'solution.sql';
    case 'code':
      return `solution.${ext}`;
    case 'tests':
      return `solution.test.${ext}`;
    case 'http':
      return `handler.${ext}`;
    case 'redis':
      return 'commands.redis';
    case 'document':
      return 'query.json';
    case 'config':
      return format === 'compose' ? 'compose.yaml' : format === 'github-actions' ? 'workflow.yml' : 'Dockerfile';
    case 'quiz':
      return 'answers.json';
    default:
      return 'solution.txt';
  }
}

export async function readMeta(dir: string): Promise<ExerciseMeta> {
  const text = await readFile(path.join(dir, META_FILE), 'utf8').catch(() => undefined);
  if (!text) {
    throw new CliError(
      EXIT.usage,
      `${dir} is not an exercise folder (no ${META_FILE}).`,
      'Run `backpath exercise pull <id>` first, then submit from that folder.',
    );
  }
  try {
    return JSON.parse(text) as ExerciseMeta;
  } catch {
    throw new CliError(
      EXIT.usage,
      `${path.join(dir, META_FILE)} is damaged (not JSON).`,
      'Pull the exercise into a new folder with `backpath exercise pull <id> --dir <folder>` and copy your solution across.',
    );
  }
}
