/**
 * `node e2e/measure.ts`: first-load JavaScript of the roadmap (raw and gzip) and the time until the
 * roadmap is visible, measured in Debian's Chromium against the real server. Prints figures, asserts nothing.
 */
import { gzipSync } from 'node:zlib';
import { launch } from './lib/browser.ts';
import { MailCatcher } from './lib/mail-catcher.ts';
import { buildWeb, freePort, serverEnv, startServer, tempDataDir } from './lib/server.ts';

const RUNS = Number(process.env.RUNS ?? 5);
const mail = new MailCatcher();
const data = tempDataDir();
if (!process.env.E2E_SKIP_BUILD) buildWeb();
const server = await startServer(serverEnv(await freePort(), await mail.start(), data.dir));
const { newContext, close } = await launch();
const times: number[] = [];
type Script = { url: string; raw: number; gzip: number; sent: number; encoding: string };
let js: Script[] = [];
try {
  for (let i = 0; i < RUNS + 1; i++) {
    const context = await newContext(); // a fresh context each time: nothing cached
    const page = await context.newPage();
    const scripts: Promise<Script>[] = [];
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script') {
        const headers = res.headers();
        scripts.push(
          res.body().then((b) => ({
            url: new URL(res.url()).pathname,
            raw: b.length,
            gzip: gzipSync(b).length,
            // What crossed the wire: the server sends precompressed copies (brotli first).
            sent: Number(headers['content-length'] ?? b.length),
            encoding: headers['content-encoding'] ?? 'identity',
          })),
        );
      }
    });
    await page.goto(server.url, { waitUntil: 'commit' });
    await page.locator('.path .stage').first().waitFor({ timeout: 60_000 });
    const visibleAt = await page.evaluate(() => performance.now());
    if (i > 0) times.push(visibleAt); // the first run warms the server's caches
    js = await Promise.all(scripts);
    await context.close();
  }
} finally {
  await close();
  await server.stop();
  await mail.stop();
  data.remove();
}
const sum = (k: 'raw' | 'gzip' | 'sent') => js.reduce((n, s) => n + s[k], 0);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
times.sort((a, b) => a - b);
for (const s of js) {
  process.stdout.write(`  ${s.url}  ${kb(s.raw)} raw, ${kb(s.gzip)} gzip, ${kb(s.sent)} sent (${s.encoding})\n`);
}
process.stdout.write(
  `first-load JavaScript: ${js.length} files, ${kb(sum('raw'))} raw, ${kb(sum('gzip'))} gzip, ${kb(sum('sent'))} sent\n`,
);
process.stdout.write(
  `roadmap visible after: median ${Math.round(times[Math.floor(times.length / 2)]!)} ms, min ${Math.round(times[0]!)} ms, max ${Math.round(times[times.length - 1]!)} ms (${times.length} cold loads)\n`,
);
