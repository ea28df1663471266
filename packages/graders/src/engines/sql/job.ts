/** The message a SQL grading job carries to a worker, and the verdict it returns. */
import type { Verdict } from '../../results.ts';

export interface SqlCheckJob {
  name: string;
  hidden: boolean;
  extraSetup?: string;
  probe?: string;
}

export interface SqlJob {
  /** Stable hash of the exercise's setup: names the schema it is seeded into. */
  setupKey: string;
  setup: string;
  /** Stable hash of everything the reference result depends on, for caching it per worker. */
  solutionKey: string;
  solution: string;
  mode: 'query' | 'state';
  ordered: boolean;
  columnNames: boolean;
  tolerance: number;
  checks: SqlCheckJob[];
  submission: string;
  outputBytes: number;
}

export type SqlJobResult = Verdict;
