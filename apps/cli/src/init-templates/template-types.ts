/** A starting project for one language: its files and how backpath.yml starts it. */
import type { Language } from '../tester/project-language.ts';

export interface Template {
  language: Exclude<Language, 'other'>;
  label: string;
  /** Program and arguments for backpath.yml (run without a shell). */
  command: string;
  /** Seconds the tester waits for /health; compiled languages need longer on a first run. */
  startTimeout: number;
  files: Record<string, string>;
}
