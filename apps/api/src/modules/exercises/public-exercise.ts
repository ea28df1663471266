/**
 * The learner-facing view of an exercise. Built by listing what may be shown (never by deleting
 * what may not), so a new server-only field in the contract stays hidden by default: no solution,
 * no hidden checks, no expected values or extra data of hidden checks, no mutant sources.
 */
import type { Exercise } from '@backpath/contracts';
import { renderMarkdown } from '../roadmap/render-markdown.ts';

export interface PublicExercise {
  id: string;
  topicId: string;
  title: string;
  kind: Exercise['kind'];
  difficulty: string;
  minutes: number | null;
  instructions: string;
  instructionsHtml: string;
  starter: string;
  hints: string[];
  language?: string;
  /** Details the learner needs to work: the SQL schema, seeded documents, the module under test. */
  setup?: Record<string, unknown>;
  visibleChecks: Record<string, unknown>[];
  /** `local` exercises only: the git checks `backpath verify` runs. */
  local?: unknown;
  hiddenCheckCount: number;
}

function visible<T extends { hidden?: boolean }>(checks: T[], pick: (c: T) => Record<string, unknown>) {
  return {
    visibleChecks: checks.filter((c) => !c.hidden).map(pick),
    hiddenCheckCount: checks.filter((c) => c.hidden).length,
  };
}

function kindView(
  e: Exercise,
): Pick<PublicExercise, 'language' | 'setup' | 'visibleChecks' | 'hiddenCheckCount' | 'local'> {
  switch (e.kind) {
    case 'sql':
      return {
        setup: { sql: e.sql.setup, mode: e.sql.mode, ordered: e.sql.ordered ?? false },
        ...visible(e.sql.checks, (c) => ({ name: c.name, ...(c.probe ? { probe: c.probe } : {}) })),
      };
    case 'code':
      return {
        language: e.code.language,
        setup: { entry: e.code.entry },
        ...visible(e.code.checks, (c) => ({
          name: c.name,
          args: c.args,
          expected: c.expected,
          throws: c.throws ?? false,
        })),
      };
    case 'tests':
      return {
        language: e.tests.language,
        setup: { module: e.tests.module, mutants: e.tests.mutants.length },
        visibleChecks: [],
        hiddenCheckCount: e.tests.mutants.length,
      };
    case 'http':
      return {
        language: e.http.language,
        ...visible(e.http.checks, (c) => ({ name: c.name, requests: c.requests })),
      };
    case 'redis':
      return {
        setup: { commands: e.redis.setup ?? [] },
        ...visible(e.redis.checks, (c) => ({ name: c.name, probe: c.probe, expected: c.expected })),
      };
    case 'document':
      return {
        setup: { collections: e.document.collections },
        ...visible(e.document.checks, (c) => ({ name: c.name })),
      };
    case 'config':
      return {
        setup: { format: e.config.format },
        ...visible(e.config.checks, (c) => ({ name: c.name, rule: c.rule })),
      };
    case 'local':
      // The CLI verifies local exercises on the learner's machine, so it needs every check.
      return { local: e.local, ...visible(e.local.checks, (c) => ({ name: c.name, type: c.type })) };
  }
}

export function publicExercise(e: Exercise): PublicExercise {
  return {
    id: e.id,
    topicId: e.topic,
    title: e.title,
    kind: e.kind,
    difficulty: e.difficulty,
    minutes: e.minutes ?? null,
    instructions: e.instructions,
    instructionsHtml: renderMarkdown(e.instructions),
    starter: e.starter,
    hints: e.hints,
    ...kindView(e),
  };
}
