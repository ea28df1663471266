/**
 * `npm run bench:graders`: runs each grader benchmark in its own process (so memory figures do not
 * mix). To add rows for another engine, add its script to SUITES.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const SUITES = ['sql.ts', 'light.ts', 'quickjs.ts', 'python.ts'];

for (const suite of SUITES) {
  const url = new URL(`./${suite}`, import.meta.url);
  if (!existsSync(url)) continue;
  console.log(`\n== ${suite}`);
  const child = spawnSync(process.execPath, [url.pathname], { stdio: 'inherit' });
  if (child.status !== 0) console.log(`(${suite} exited with ${child.status})`);
}
