/** `npm run bench`: the API benchmark, the graders' benchmark and the search benchmark, each in its own process. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

for (const suite of ['api/run.ts', 'graders/run.ts', 'search/run.ts']) {
  const url = new URL(`./${suite}`, import.meta.url);
  if (!existsSync(url)) continue;
  console.log(`\n#### bench/${suite}`);
  const child = spawnSync(process.execPath, [url.pathname], { stdio: 'inherit' });
  if (child.status !== 0) {
    console.log(`(bench/${suite} exited with ${child.status})`);
    process.exitCode = 1;
  }
}
