/**
 * Prints the tester's progress for a human: each stage, each check with its requests (and the curl
 * command to repeat them), the responses, and ✓ or ✗ with what was expected. Colour only on a TTY.
 */
import { STATUS_CODES } from 'node:http';
import type { Colors } from '../output.ts';
import type { Exchange } from './http-client.ts';
import { STAGES } from './stages/index.ts';
import type { CheckResult, TesterEvents, TestReport } from './types.ts';

const MAX_BODY = 300;

function oneLine(text: string): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > MAX_BODY ? `${s.slice(0, MAX_BODY)}…` : s;
}

export interface ReporterOptions {
  colors: Colors;
  write: (line: string) => void;
  /** Rewrite the load progress in place (TTY) instead of printing a new line each time. */
  inPlace: boolean;
  /** Show requests of passing checks too (failing checks always show them). */
  verbose: boolean;
}

export function createReporter(opts: ReporterOptions): TesterEvents {
  const c = opts.colors;
  const w = opts.write;
  let lastProgress = 0;
  let lastSecond = 0;

  function exchange(ex: Exchange) {
    const path = ex.url.replace(/^https?:\/\/[^/]+/, '');
    w(c.dim(`    → ${ex.method} ${path}${ex.body !== undefined ? ` ${oneLine(ex.body)}` : ''}`));
    w(c.dim(`      $ ${ex.curl.length > 400 ? `${ex.curl.slice(0, 400)}…` : ex.curl}`));
    if (ex.response) {
      const r = ex.response;
      const type = r.headers['content-type'] ? ` [${r.headers['content-type']}]` : '';
      w(
        c.dim(
          `    ← ${r.status} ${STATUS_CODES[r.status] ?? ''}${type} ${Math.round(r.durationMs)} ms ${oneLine(r.body)}`,
        ),
      );
    } else {
      w(c.dim(`    ← no response: ${ex.error}`));
    }
  }

  function check(result: CheckResult) {
    if (result.status === 'skipped') {
      w(c.dim(`  – ${result.name}: ${result.message ?? 'skipped'}`));
      return;
    }
    const pass = result.status === 'pass';
    w(`  ${pass ? c.green('✓') : c.red('✗')} ${result.name}`);
    if (!pass || opts.verbose) for (const ex of result.exchanges) exchange(ex);
    if (!pass && result.message) for (const line of result.message.split('\n')) w(c.red(`    ${line}`));
  }

  return {
    stageStart(stage) {
      w('');
      w(c.bold(`Stage ${stage.number}: ${stage.title}`));
    },
    check,
    stageEnd(result) {
      const count = (status: string) => result.checks.filter((x) => x.status === status).length;
      const failed = count('fail');
      const skipped = count('skipped');
      const summary = `  ${count('pass')}/${result.checks.length} checks passed${failed ? `, ${failed} failed` : ''}${skipped ? `, ${skipped} skipped` : ''}`;
      w(result.status === 'pass' ? c.green(summary) : c.red(summary));
    },
    progress(p) {
      const line = `  … load ${p.elapsedSeconds.toFixed(1)}/${p.totalSeconds} s, ${p.requests} requests, ${p.errors} errors`;
      if (opts.inPlace) {
        process.stdout.write(`\r${line}`);
        lastProgress = line.length;
      } else if (Math.floor(p.elapsedSeconds) > lastSecond) {
        lastSecond = Math.floor(p.elapsedSeconds);
        w(c.dim(line));
      }
    },
    info(line) {
      if (lastProgress) {
        process.stdout.write(`\r${' '.repeat(lastProgress)}\r`);
        lastProgress = 0;
      }
      w(c.cyan(`  ${line}`));
    },
  };
}

export function printSummary(report: TestReport, colors: Colors, write: (line: string) => void): void {
  write('');
  const total = report.stages.length;
  const passed = report.stages.filter((s) => s.status === 'pass').length;
  if (report.passed) {
    write(colors.green(colors.bold(`All ${total} stage(s) passed.`)) + ` Seed ${report.seed}.`);
    if (report.targetStage < STAGES.length) {
      const next = report.targetStage + 1;
      write(
        `Next: stage ${next}, ${STAGES[next - 1]?.title}. Set \`stage: ${next}\` in backpath.yml (or pass --stage ${next}).`,
      );
    } else {
      write('That is the whole capstone. Record it with `backpath project submit --all`.');
    }
    return;
  }
  const failed = report.stages.find((s) => s.status === 'fail');
  write(
    colors.red(colors.bold(`Stage ${failed?.number} failed: ${failed?.title}`)) +
      ` (${passed}/${total} stages passed).`,
  );
  write(`Fix the ✗ above, then run again. Reproduce this exact run with --seed ${report.seed}.`);
}
