/**
 * The report as `project submit` sends it: every stage and check with its verdict and message, but each
 * exchange reduced to its request line and status, so it stays far below the API's body limit.
 */
import type { TestReport } from './types.ts';

export interface CompactExchange {
  method: string;
  url: string;
  status?: number;
  error?: string;
}

export function compactReport(report: TestReport) {
  return {
    ...report,
    stages: report.stages.map((stage) => ({
      ...stage,
      checks: stage.checks.map((check) => ({
        ...check,
        exchanges: check.exchanges.map(
          (e): CompactExchange => ({
            method: e.method,
            url: e.url.length > 300 ? `${e.url.slice(0, 300)}…` : e.url,
            ...(e.response ? { status: e.response.status } : {}),
            ...(e.error ? { error: e.error } : {}),
          }),
        ),
      })),
    })),
  };
}
