/**
 * After `vite build`: writes a Brotli (`.br`) and a gzip (`.gz`) copy beside every text asset, so the
 * API server sends them precompressed (`preCompressed` in apps/api/src/plugins/web.ts) instead of
 * 340 KB of JavaScript on a learner's first visit.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = /\.(js|css|html|svg|json|txt|map)$/;
const MIN_BYTES = 1024;

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (TEXT.test(entry.name)) yield path;
  }
}

export function compressDir(dir: string): { files: number; raw: number; brotli: number } {
  const total = { files: 0, raw: 0, brotli: 0 };
  for (const path of files(dir)) {
    if (statSync(path).size < MIN_BYTES) continue;
    const body = readFileSync(path);
    const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
    writeFileSync(`${path}.br`, br);
    writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
    total.files++;
    total.raw += body.length;
    total.brotli += br.length;
  }
  return total;
}

if (import.meta.main) {
  const dist = join(import.meta.dirname, '../dist');
  const t = compressDir(dist);
  console.log(
    `compressed ${t.files} files: ${(t.raw / 1024).toFixed(0)} KiB -> ${(t.brotli / 1024).toFixed(0)} KiB brotli`,
  );
}
