/** `backpath project init <language>`: creates a starting folder with backpath.yml and a hello server. */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { CliError, EXIT } from '../exit-codes.ts';
import { ALIASES, backpathYml, projectReadme, TEMPLATES } from '../init-templates/index.ts';
import { println } from '../output.ts';

export function registerProjectInit(project: Command): void {
  project
    .command('init <language>')
    .description(`create a starting folder for the capstone (${Object.keys(TEMPLATES).join(', ')})`)
    .option('--dir <path>', 'the folder to create (default: ./bookmarks-api)')
    .option('--port <n>', 'the port your server listens on', '8080')
    .option('--force', 'write into a folder that is not empty')
    .action(async (language: string, flags: { dir?: string; port: string; force?: boolean }) => {
      const key = ALIASES[language.toLowerCase()] ?? language.toLowerCase();
      const template = TEMPLATES[key];
      if (!template) {
        throw new CliError(
          EXIT.usage,
          `Unknown language "${language}".`,
          `Choose one of: ${Object.keys(TEMPLATES).join(', ')}.`,
        );
      }
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 1 || port > 65535)
        throw new CliError(EXIT.usage, '--port must be 1-65535.');
      const dir = path.resolve(flags.dir ?? 'bookmarks-api');
      const existing = await readdir(dir).catch(() => []);
      if (existing.length > 0 && !flags.force) {
        throw new CliError(
          EXIT.usage,
          `${dir} is not empty.`,
          'Pick another --dir, or pass --force to write into it anyway.',
        );
      }
      await mkdir(dir, { recursive: true });
      const files = {
        ...template.files,
        'backpath.yml': backpathYml(template, port),
        'README.md': projectReadme(template, port),
      };
      for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
      const rel = path.relative(process.cwd(), dir) || '.';
      println(`Created ${rel} for ${template.label}: ${Object.keys(files).sort().join(', ')}.`);
      println(`Next: cd ${rel} && backpath project test --stage 1`);
    });
}
