/** The shapes the tester's parts share: checks, stage results, the report, and the events the reporter hears. */
import type { Exchange } from './http-client.ts';

export type CheckStatus = 'pass' | 'fail' | 'skipped';

export interface CheckResult {
  name: string;
  status: CheckStatus;
  /** For a failure: what was expected and what came back, in words a beginner can act on. */
  message?: string;
  exchanges: Exchange[];
}

export interface StageResult {
  number: number;
  id: string;
  title: string;
  status: 'pass' | 'fail' | 'skipped';
  checks: CheckResult[];
}

export interface LoadFigures {
  clients: number;
  seconds: number;
  requests: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  thresholdMs: number;
  requestsPerSecond: number;
}

/** The machine-readable report (`--json`, and what `project submit` sends). */
export interface TestReport {
  version: 1;
  project: string;
  seed: number;
  targetStage: number;
  passed: boolean;
  /** The first stage that failed, if any. */
  failedStage?: number;
  stages: StageResult[];
  load?: LoadFigures;
  target: { url: string; startedByTester: boolean };
  startedAt: string;
  durationMs: number;
  cliVersion: string;
}

export interface Progress {
  elapsedSeconds: number;
  totalSeconds: number;
  requests: number;
  errors: number;
}

export interface TesterEvents {
  stageStart?(stage: { number: number; title: string }): void;
  check?(result: CheckResult): void;
  stageEnd?(result: StageResult): void;
  progress?(p: Progress): void;
  info?(line: string): void;
}
