/** `backpath project test` and `backpath project submit`: run the capstone tester, print or send the report. */
import path from 'node:path';
import type { Command } from 'commander';
import { ApiClient } from '../api-client.ts';
import { requireToken, resolveServer } from '../config.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { colorsEnabled, makeColors, println } from '../output.ts';
import { STAGE_COUNT } from '../tester/stage-count.ts';
import type { TestReport } from '../tester/types.ts';

/** The tester is loaded only when a run starts, so `--help` and other commands start fast. */
async function loadTester() {
  const [runner, reporter, config, random, compact] = await Promise.all([
    import('../tester/runner.ts'),
    import('../tester/reporter.ts'),
    import('../tester/project-config.ts'),
    import('../tester/random.ts'),
    import('../tester/compact-report.ts'),
  ]);
  return { ...runner, ...reporter, ...config, ...random, ...compact };
}

interface TestFlags {
  stage?: string;
  all?: boolean;
  url?: string;
  seed?: string;
  json?: boolean;
  dir: string;
  port?: string;
  verbose?: boolean;
}

function intFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    throw new CliError(EXIT.usage, `${name} must be a whole number from ${min} to ${max}.`);
  return n;
}

/** Without --stage or --all: the `stage` in backpath.yml (the one the learner is working on), else 1. */
async function currentStage(dir: string): Promise<number> {
  const { loadProjectConfig } = await loadTester();
  const config = await loadProjectConfig(dir).catch(() => undefined);
  return Math.min(config?.stage ?? 1, STAGE_COUNT);
}

async function run(flags: TestFlags, quiet: boolean): Promise<TestReport> {
  if (flags.stage !== undefined && flags.all)
    throw new CliError(EXIT.usage, 'Use either --stage N or --all, not both.');
  const targetStage = flags.all
    ? STAGE_COUNT
    : (intFlag('--stage', flags.stage, 1, STAGE_COUNT) ?? (await currentStage(path.resolve(flags.dir))));
  const { newSeed, createReporter, printSummary, runTests } = await loadTester();
  const seed = intFlag('--seed', flags.seed, 0, 2 ** 31 - 1) ?? newSeed();
  const port = intFlag('--port', flags.port, 1, 65535);
  const colors = makeColors(!quiet && colorsEnabled());
  const events = quiet
    ? {}
    : createReporter({ colors, write: println, inPlace: colorsEnabled(), verbose: flags.verbose ?? true });
  if (!quiet)
    println(`Testing stages 1-${targetStage} of the bookmarks API. Seed ${seed} (reproduce with --seed ${seed}).`);
  const report = await runTests({ targetStage, seed, url: flags.url, dir: path.resolve(flags.dir), port, events });
  if (!quiet) printSummary(report, colors, println);
  return report;
}

function addTestOptions(cmd: Command): Command {
  return cmd
    .option('--stage <n>', `test stages 1 to n (1-${STAGE_COUNT}); default: \`stage\` in backpath.yml, else 1`)
    .option('--all', 'test every stage')
    .option('--url <url>', 'test a server that is already running (loopback only), instead of starting it')
    .option('--seed <n>', 'reuse the random inputs of an earlier run')
    .option('--dir <path>', 'the project folder with backpath.yml', '.')
    .option('--port <n>', "override backpath.yml's port")
    .option('--no-verbose', 'show requests only for failed checks');
}

export function registerProjectTest(project: Command): void {
  addTestOptions(project.command('test'))
    .description('start your server, run the capstone checks stage by stage, and stop it')
    .option('--json', 'print the machine-readable report instead of the live output')
    .addHelpText(
      'after',
      `\nExit codes: 0 all passed, 1 a check failed, 2 usage error, 3 could not start or reach your server.`,
    )
    .action(async (flags: TestFlags) => {
      const report = await run(flags, flags.json ?? false);
      if (flags.json) println(JSON.stringify(report, null, 2));
      process.exitCode = report.passed ? EXIT.ok : EXIT.checksFailed;
    });

  addTestOptions(project.command('submit'))
    .description('run the checks and send the verified report to the Backpath server')
    .option('--server <url>', 'the Backpath server')
    .action(async (flags: TestFlags & { server?: string }) => {
      const server = await resolveServer(flags.server);
      const client = new ApiClient(server, await requireToken(server));
      const report = await run(flags, false);
      const { PROJECT_ID, compactReport } = await loadTester();
      const { id } = await client.submitReport(PROJECT_ID, compactReport(report));
      println(
        `Report ${id} recorded on ${server}: ${report.passed ? 'all stages passed' : `stage ${report.failedStage} failed`}.`,
      );
      process.exitCode = report.passed ? EXIT.ok : EXIT.checksFailed;
    });
}
