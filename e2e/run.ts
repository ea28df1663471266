/**
 * `npm run test:e2e`: builds the web app, starts the real server on a free port with a fresh
 * embedded database, drives Debian's Chromium through the learner's and mentor's journeys, saves
 * screenshots to e2e/results/, prints "N passed, N failed" and exits non-zero on any failure.
 */

import type { JourneyContext } from './journeys/context.ts';
import { darkAndKeyboardJourney } from './journeys/dark-and-keyboard.ts';
import { firstRunJourney } from './journeys/first-run.ts';
import { layoutAndThemeJourney } from './journeys/layout-and-theme.ts';
import { mentorJourney } from './journeys/mentor.ts';
import { otherScreensJourney } from './journeys/other-screens.ts';
import { portfolioJourney } from './journeys/portfolio.ts';
import { progressJourney } from './journeys/progress.ts';
import { quizJourney } from './journeys/quiz.ts';
import { signUpJourney } from './journeys/sign-up.ts';
import { sqlExerciseJourney } from './journeys/sql-exercise.ts';
import { visitorJourney } from './journeys/visitor.ts';
import { launch } from './lib/browser.ts';
import { findSqlExercise } from './lib/content.ts';
import { MailCatcher } from './lib/mail-catcher.ts';
import { RESULTS } from './lib/screens.ts';
import { buildWeb, freePort, runApiCli, serverEnv, startServer, tempDataDir } from './lib/server.ts';

const journeys: [string, (ctx: JourneyContext) => Promise<void>][] = [
  ['a visitor opens the roadmap and a lesson', visitorJourney],
  ['the visitor signs up and keeps their progress', signUpJourney],
  ['fails an SQL exercise, sees why, fixes it and passes', sqlExerciseJourney],
  ['sees the roadmap and dashboard update', progressJourney],
  ['answers a quiz and sees the review queue', quizJourney],
  ['publishes a profile that opens signed out', portfolioJourney],
  ['a mentor sees the learner in a cohort', mentorJourney],
  ['every other screen passes the accessibility check', otherScreensJourney],
  ['the dark theme passes it too, and the roadmap works from the keyboard', darkAndKeyboardJourney],
  ['layout: nothing scrolls sideways; theme switch; a solved exercise reopens solved', layoutAndThemeJourney],
  ['first run without mail: the first account is the admin, the next gets its link from the outbox', firstRunJourney],
];
// E2E_ONLY=<words> runs only the journeys whose name contains them (self-contained ones, such as "layout").
const only = process.env.E2E_ONLY;
const selected = only ? journeys.filter(([name]) => name.includes(only)) : journeys;

const mail = new MailCatcher();
const data = tempDataDir();
let passed = 0;
let failed = 0;
let stopServer = async () => {};
let closeBrowser = async () => {};
try {
  const browserSession = await launch();
  closeBrowser = browserSession.close;
  if (!process.env.E2E_SKIP_BUILD) buildWeb();
  const smtpPort = await mail.start();
  const env = serverEnv(await freePort(), smtpPort, data.dir);
  const mentor = { name: 'Maya Mentor', email: 'mentor@example.com', password: 'mentor-passphrase-42' };
  const created = runApiCli('apps/api/src/cli/admin-create.ts', ['--email', mentor.email, '--name', mentor.name], env);
  const setPasswordLink = /(https?:\/\/\S+#token=\S+)/.exec(created)?.[1];
  if (!setPasswordLink) throw new Error(`admin:create printed no link:\n${created}`);
  const server = await startServer(env);
  stopServer = server.stop;
  process.stdout.write(`server ready at ${server.url}; screenshots go to ${RESULTS}\n`);

  const ctx: JourneyContext = {
    url: server.url,
    mail,
    newContext: browserSession.newContext,
    learner: { name: 'Lena Learner', email: 'lena@example.com', password: 'correct horse battery 9' },
    mentor: { ...mentor, setPasswordLink },
    exercise: findSqlExercise(),
  };
  for (const [name, journey] of selected) {
    const started = Date.now();
    try {
      await journey(ctx);
      passed++;
      process.stdout.write(`  ✓ ${name} (${Date.now() - started} ms)\n`);
    } catch (err) {
      failed++;
      process.stdout.write(
        `  ✗ ${name}\n    ${String((err as Error).stack ?? err)
          .split('\n')
          .slice(0, 6)
          .join('\n    ')}\n`,
      );
      await ctx.learnerPage?.screenshot({ path: `${RESULTS}/failure-${passed + failed}.png` }).catch(() => {});
    }
  }
} catch (err) {
  failed++;
  process.stdout.write(`e2e set-up failed: ${(err as Error).message}\n`);
} finally {
  await closeBrowser().catch(() => {});
  await stopServer();
  await mail.stop();
  data.remove();
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
