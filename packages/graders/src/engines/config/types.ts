/** Shared shapes for the config rules: what a rule reports, and the parse error of a config file. */
import type { CONFIG_RULES } from '@backpath/contracts';

export type ConfigRule = (typeof CONFIG_RULES)[number];
export type ConfigFormat = 'dockerfile' | 'compose' | 'github-actions';

/** One rule's outcome; `message` explains the practice a failure breaks and how to fix it. */
export interface RuleFinding {
  rule: ConfigRule;
  pass: boolean;
  message?: string;
  line?: number;
}

export class ConfigParseError extends Error {
  readonly line?: number;
  constructor(message: string, line?: number) {
    super(message);
    this.line = line;
  }
}

/** Names that usually hold credentials. */
export const SECRET_NAME = /(pass(word)?|passwd|secret|token|api[_-]?key|private[_-]?key|credential|auth)/i;
