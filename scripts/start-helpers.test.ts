import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashSources } from './start-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'backpath-start-helpers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hashSources', () => {
  const src = join(dir, 'app');
  mkdirSync(join(src, 'src/deep'), { recursive: true });
  writeFileSync(join(src, 'src/a.ts'), 'export const a = 1;\n');
  writeFileSync(join(src, 'src/deep/b.ts'), 'export const b = 2;\n');
  writeFileSync(join(src, 'index.html'), '<!doctype html>\n');

  it('is the same for the same bytes, even when mtimes change (a checkout, a copy)', () => {
    const first = hashSources(src, ['src', 'index.html']);
    utimesSync(join(src, 'src/a.ts'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(hashSources(src, ['src', 'index.html'])).toBe(first);
  });

  it('changes when a file changes, is added or is renamed', () => {
    const first = hashSources(src, ['src']);
    writeFileSync(join(src, 'src/deep/b.ts'), 'export const b = 3;\n');
    const edited = hashSources(src, ['src']);
    expect(edited).not.toBe(first);
    writeFileSync(join(src, 'src/c.ts'), '');
    const added = hashSources(src, ['src']);
    expect(added).not.toBe(edited);
    rmSync(join(src, 'src/c.ts'));
    writeFileSync(join(src, 'src/d.ts'), '');
    expect(hashSources(src, ['src'])).not.toBe(added);
  });

  it('ignores build outputs and installed packages, and inputs that do not exist', () => {
    const first = hashSources(src, ['src', 'missing.ts']);
    mkdirSync(join(src, 'src/dist'), { recursive: true });
    writeFileSync(join(src, 'src/dist/out.js'), 'built');
    mkdirSync(join(src, 'src/node_modules/x'), { recursive: true });
    writeFileSync(join(src, 'src/node_modules/x/index.js'), 'dep');
    expect(hashSources(src, ['src'])).toBe(first);
  });
});

describe('launchTime', () => {
  it("is this process's own start when npm did not start it", () => {
    const child = spawnSync(
      process.execPath,
      [
        '-e',
        `import('${join(import.meta.dirname, 'start-helpers.ts')}').then(m => console.log(m.launchTime() - performance.timeOrigin))`,
      ],
      { env: { ...process.env, npm_lifecycle_event: '' }, encoding: 'utf8' },
    );
    expect(Number(child.stdout.trim())).toBe(0);
  });

  it.skipIf(process.platform !== 'linux')('counts from npm when npm -> sh -> node started us', () => {
    // A stand-in for npm (its file is named like npm's entry point) that waits 600 ms before running
    // the script through sh, as `npm start` does; the script sees npm's start, not its own.
    const helpers = join(import.meta.dirname, 'start-helpers.ts');
    writeFileSync(
      join(dir, 'child.ts'),
      `import { launchTime } from ${JSON.stringify(helpers)};\nconsole.log(performance.timeOrigin - launchTime());\n`,
    );
    writeFileSync(
      join(dir, 'npm-cli.js'),
      `const { spawnSync } = require('node:child_process');
       const until = Date.now() + 600; while (Date.now() < until) {}
       const r = spawnSync('sh', ['-c', ${JSON.stringify(`"${process.execPath}" "${join(dir, 'child.ts')}"`)}], { stdio: 'inherit' });
       process.exit(r.status);`,
    );
    const run = spawnSync(process.execPath, [join(dir, 'npm-cli.js')], {
      env: { ...process.env, npm_lifecycle_event: 'start' },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    const earlierMs = Number(run.stdout.trim());
    expect(earlierMs).toBeGreaterThanOrEqual(550);
    expect(earlierMs).toBeLessThan(30_000);
  });
});
