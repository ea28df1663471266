import { describe, expect, it } from 'vitest';
import { editorLanguage } from './editor-language.ts';
import { loadLanguage } from './load-language.ts';

describe('editorLanguage', () => {
  it('picks the editor language from the exercise kind, language and format', () => {
    expect(editorLanguage({ kind: 'sql' })).toBe('sql');
    expect(editorLanguage({ kind: 'code', language: 'python' })).toBe('python');
    expect(editorLanguage({ kind: 'code', language: 'javascript' })).toBe('javascript');
    expect(editorLanguage({ kind: 'http', language: 'typescript' })).toBe('typescript');
    expect(editorLanguage({ kind: 'config', setup: { format: 'dockerfile' } })).toBe('dockerfile');
    expect(editorLanguage({ kind: 'config', setup: { format: 'compose' } })).toBe('yaml');
    expect(editorLanguage({ kind: 'redis' })).toBe('redis');
  });

  it('loads a grammar for every language', async () => {
    for (const lang of ['sql', 'typescript', 'javascript', 'python', 'yaml', 'dockerfile', 'redis', 'json'] as const) {
      expect(await loadLanguage(lang), lang).toBeTruthy();
    }
  });
});
