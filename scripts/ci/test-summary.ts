/**
 * Reads Vitest's JSON report and prints one plain line, `tests: N passed, N failed, N skipped`.
 * When CI requires the server-mode tests (BACKPATH_REQUIRE_SERVICES=1), any skipped test fails the
 * run, so a PostgreSQL or Redis test can never pass silently by not running.
 */
import { readFileSync } from 'node:fs';

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; assertionResults: { fullName: string; status: string }[] }[];
}

const report = JSON.parse(readFileSync(process.argv[2] ?? '.tmp/vitest.json', 'utf8')) as Report;
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
if (skipped > 0) {
  for (const file of report.testResults) {
    for (const t of file.assertionResults) {
      if (t.status !== 'passed' && t.status !== 'failed') console.log(`  skipped: ${t.fullName} (${file.name})`);
    }
  }
  if (process.env.BACKPATH_REQUIRE_SERVICES === '1') {
    console.error('Tests were skipped although PostgreSQL and Redis are available: failing.');
    process.exit(1);
  }
}
if (report.numFailedTests > 0) process.exit(1);
