/**
 * Builds `dist/backpath.mjs`: the whole CLI as one ES module that Node 22 or newer runs as it is, so a
 * learner downloads a single file from their Backpath instance instead of cloning this repository
 * (Node will not strip TypeScript under node_modules, so the sources cannot be published as they are).
 *
 *   node apps/cli/scripts/build.ts [outfile]      (default apps/cli/dist/backpath.mjs)
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const CLI_DIR = path.resolve(import.meta.dirname, '..');
export const DEFAULT_OUTFILE = path.join(CLI_DIR, 'dist/backpath.mjs');

/** The oldest Node the bundle supports; nothing in the CLI needs a newer API (checked at run time too). */
export const MIN_NODE_MAJOR = 22;

/** Grading engines that belong on the server only; the build fails if any of them reaches the bundle. */
const SERVER_ONLY = /[\\/](@electric-sql[\\/]pglite|quickjs-emscripten[^\\/]*|@jitl[\\/]quickjs[^\\/]*|pyodide)[\\/]/;

export interface BuildOutcome {
  outfile: string;
  bytes: number;
  gzipBytes: number;
}

function banner(version: string): string {
  return [
    `// backpath CLI ${version}: one file, needs Node.js ${MIN_NODE_MAJOR} or newer. Run \`node backpath.mjs --help\`.`,
    '// Built from apps/cli by apps/cli/scripts/build.ts; do not edit.',
    // Bundled CommonJS dependencies (commander, picocolors, yaml) call require() for Node's built-ins.
    "import { createRequire as __backpathCreateRequire } from 'node:module';",
    'const require = __backpathCreateRequire(import.meta.url);',
    `if (Number(process.versions.node.split('.')[0]) < ${MIN_NODE_MAJOR}) {`,
    `  process.stderr.write('Error: backpath needs Node.js ${MIN_NODE_MAJOR} or newer; this is Node ' + process.version + '.\\n');`,
    "  process.stderr.write('Next: install a current Node.js from https://nodejs.org and run the same command again.\\n');",
    '  process.exit(2);',
    '}',
  ].join('\n');
}

const HASHBANG = '#!/usr/bin/env node\n';

/** Bundles the CLI into `outfile` (written atomically, executable) and returns its size. */
export async function buildCli(outfile: string = DEFAULT_OUTFILE): Promise<BuildOutcome> {
  const pkg = JSON.parse(await readFile(path.join(CLI_DIR, 'package.json'), 'utf8')) as { version: string };
  const result = await build({
    entryPoints: [path.join(CLI_DIR, 'src/bin.ts')],
    // Fixed, so the file comments (and the ETag that serves it) do not depend on where the build ran.
    absWorkingDir: path.resolve(CLI_DIR, '../..'),
    bundle: true,
    platform: 'node',
    target: `node${MIN_NODE_MAJOR}`,
    format: 'esm',
    banner: { js: banner(pkg.version) },
    legalComments: 'eof',
    metafile: true,
    write: false,
    outfile,
    logLevel: 'warning',
  });
  const leaked = Object.keys(result.metafile.inputs).filter((input) => SERVER_ONLY.test(input));
  if (leaked.length > 0) {
    throw new Error(`server-only grading engines reached the CLI bundle:\n  ${leaked.slice(0, 10).join('\n  ')}`);
  }
  const [file] = result.outputFiles;
  if (!file) throw new Error('esbuild produced no output');
  await mkdir(path.dirname(outfile), { recursive: true });
  // Written beside and renamed, so a server reading the bundle never sees half a file.
  const partial = `${outfile}.${process.pid}.partial`;
  // esbuild keeps bin.ts's hashbang above the banner; make sure there is exactly one, on line 1.
  const code = Buffer.from(HASHBANG + file.text.replace(/^#!.*\n/, ''));
  await writeFile(partial, code, { mode: 0o755 });
  await rename(partial, outfile);
  return { outfile, bytes: code.byteLength, gzipBytes: gzipSync(code).byteLength };
}

const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;

if (import.meta.main) {
  const outfile = path.resolve(process.argv[2] ?? DEFAULT_OUTFILE);
  const { bytes, gzipBytes } = await buildCli(outfile);
  process.stdout.write(`${path.relative(process.cwd(), outfile)}  ${kB(bytes)} (${kB(gzipBytes)} gzip)\n`);
}
