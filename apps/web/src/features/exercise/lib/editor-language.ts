/** Which editor language an exercise is written in, from its kind and language/format. */
import type { PublicExercise } from '../../../lib/api-types.ts';

export type EditorLanguage = 'sql' | 'typescript' | 'javascript' | 'python' | 'yaml' | 'dockerfile' | 'redis' | 'json';

export function editorLanguage(e: Pick<PublicExercise, 'kind' | 'language' | 'setup'>): EditorLanguage {
  switch (e.kind) {
    case 'sql':
      return 'sql';
    case 'redis':
      return 'redis';
    case 'document':
      return 'json';
    case 'config':
      return e.setup?.format === 'dockerfile' ? 'dockerfile' : 'yaml';
    default:
      return e.language === 'python' ? 'python' : e.language === 'javascript' ? 'javascript' : 'typescript';
  }
}

export const LANGUAGE_LABEL: Record<EditorLanguage, string> = {
  sql: 'SQL',
  typescript: 'TypeScript',
  javascript: 'JavaScript',
  python: 'Python',
  yaml: 'YAML',
  dockerfile: 'Dockerfile',
  redis: 'Redis commands',
  json: 'JSON',
};
