/** Loads the CodeMirror grammar for one editor language on demand, so each language is its own small chunk. */
// @codemirror/language is already in the editor's chunk, so only the grammars load lazily.
import { StreamLanguage } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import type { EditorLanguage } from './editor-language.ts';

export async function loadLanguage(lang: EditorLanguage): Promise<Extension> {
  switch (lang) {
    case 'sql': {
      const { sql, PostgreSQL } = await import('@codemirror/lang-sql');
      return sql({ dialect: PostgreSQL });
    }
    case 'typescript':
      return (await import('@codemirror/lang-javascript')).javascript({ typescript: true });
    case 'javascript':
    case 'json':
      return (await import('@codemirror/lang-javascript')).javascript();
    case 'python':
      return (await import('@codemirror/lang-python')).python();
    case 'yaml':
      return (await import('@codemirror/lang-yaml')).yaml();
    case 'dockerfile': {
      const { dockerFile } = await import('@codemirror/legacy-modes/mode/dockerfile');
      return StreamLanguage.define(dockerFile);
    }
    case 'redis': {
      // Redis commands read like shell words: a command, then arguments and quoted strings.
      const { shell } = await import('@codemirror/legacy-modes/mode/shell');
      return StreamLanguage.define(shell);
    }
  }
}
