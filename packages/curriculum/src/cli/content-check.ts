/**
 * `npm run content:check`: validates content/ and the editorial bar (`quality.ts`), printing each
 * problem as `file:line: message`; then runs every exercise's reference solution (must pass) and starter (must not pass), and every
 * runnable lesson sample, through the real grading engines. `--structure-only` skips the engines.
 */
import { fileURLToPath } from 'node:url';
import { loadCurriculum } from '../load.ts';
import { formatProblem } from '../problems.ts';
import { checkQuality } from '../quality.ts';
import { printCounts } from './counts.ts';
import { runExerciseChecks } from './run-exercises.ts';

const args = new Set(process.argv.slice(2));
const contentDir = fileURLToPath(new URL('../../../../content', import.meta.url));
const started = performance.now();
const { curriculum, problems } = loadCurriculum(contentDir);
if (problems.size === 0) checkQuality(curriculum, problems);

if (!args.has('--structure-only') && problems.size === 0) {
  await runExerciseChecks(curriculum, problems, { only: process.env.CONTENT_CHECK_ONLY });
}

for (const p of problems.items) console.error(formatProblem(p));
printCounts(curriculum);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (problems.size > 0) {
  console.error(`content:check: ${problems.size} problem(s) found in ${seconds}s`);
  process.exit(1);
}
console.log(`content:check: no problems (${seconds}s)`);
