/**
 * Turns learner source into JavaScript QuickJS can run: TypeScript has its types stripped by
 * sucrase (line numbers are preserved, so errors point at the learner's own lines).
 */
import { transform } from 'sucrase';

export type SourceLanguage = 'javascript' | 'typescript';

export type Compiled = { ok: true; code: string; module: boolean } | { ok: false; message: string; line?: number };

/** ES module syntax decides how the code is evaluated: as a module (read its exports) or a script. */
const MODULE_SYNTAX = /^\s*(export\s|import\s+[\w{*])/m;

export function compile(source: string, language: SourceLanguage): Compiled {
  let code = source;
  if (language === 'typescript') {
    try {
      code = transform(source, { transforms: ['typescript'], disableESTransforms: true }).code;
    } catch (error) {
      const loc = (error as { loc?: { line: number } }).loc;
      const message = String((error as Error).message).replace(/\s*\(\d+:\d+\)$/, '');
      return { ok: false, message, line: loc?.line };
    }
  }
  return { ok: true, code, module: MODULE_SYNTAX.test(code) };
}

/** `SyntaxError: unexpected token (line 3)`, phrased for the verdict's top-level message. */
export function compileErrorMessage(message: string, line: number | undefined): string {
  const where = line ? ` on line ${line}` : '';
  return `Your code has a syntax error${where}: ${message}. Fix it and run again.`;
}
