/** `backpath status`: the learner's progress, stage by stage, with a bar per stage. */
import type { Command } from 'commander';
import { ApiClient, type Progress } from '../api-client.ts';
import { requireToken, resolveServer } from '../config.ts';
import { type Colors, makeColors, println } from '../output.ts';

function bar(percent: number, width = 20): string {
  const filled = Math.round((Math.max(0, Math.min(100, percent)) / 100) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

export function formatProgress(progress: Progress, c: Colors): string[] {
  const lines = [
    c.bold(`Overall: ${progress.overall.done}/${progress.overall.total} (${Math.round(progress.overall.percent)}%)`),
    '',
  ];
  for (const s of [...progress.stages].sort((a, b) => a.number - b.number)) {
    const pct = `${Math.round(s.percent)}%`.padStart(4);
    const line = `${String(s.number).padStart(2)}. ${s.title.padEnd(34)} ${bar(s.percent)} ${pct}  ${s.done}/${s.total}`;
    lines.push(s.percent >= 100 ? c.green(line) : line);
  }
  return lines;
}

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('show your progress by roadmap stage')
    .option('--server <url>', 'the Backpath server')
    .option('--json', 'print the raw progress as JSON')
    .action(async (flags: { server?: string; json?: boolean }) => {
      const server = await resolveServer(flags.server);
      const progress = await new ApiClient(server, await requireToken(server)).progress();
      if (flags.json) return println(JSON.stringify(progress, null, 2));
      for (const line of formatProgress(progress, makeColors())) println(line);
    });
}
