/** The learner fails an SQL exercise and sees why, then fixes it: Run passes the visible checks, Submit passes all. */
import { screen } from '../lib/screens.ts';
import { expect, type JourneyContext } from './context.ts';

export async function sqlExerciseJourney(ctx: JourneyContext): Promise<void> {
  const page = ctx.learnerPage!;
  await page.goto(`${ctx.url}/exercises/${ctx.exercise.id}`);
  await page.locator('.cm-content').waitFor({ timeout: 30_000 });

  // The starter query is incomplete on purpose: submitting it must fail with reasons.
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  const result = page.locator('section.result');
  await page.locator('section.result.fail, section.result.pass, section.result.error').waitFor({ timeout: 30_000 });
  const verdict = await result.getAttribute('class');
  expect(verdict?.includes('fail'), `the starter query fails (got "${verdict}": ${await result.textContent()})`);
  const failed = page.locator('.test-case.fail');
  expect((await failed.count()) > 0, 'a failing check is listed');
  const why = (await failed.first().innerText()).trim();
  expect(why.length > 20, `the failure says why: ${why}`);
  const evidence = (await page.locator('.test-case.fail .diff, .test-case.fail .result-table').count()) > 0;
  expect(evidence, 'expected vs actual or the result table is shown');
  await screen(page, 'exercise-fail', '#result-title');

  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(ctx.exercise.solution);
  await page.keyboard.press('Control+Enter');
  await page.locator('.result.pass').waitFor({ timeout: 30_000 });
  expect(
    (await page.locator('.result-title').innerText()).includes('visible checks pass'),
    'Run (Ctrl+Enter) passes the visible checks',
  );
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await page.getByText('Solved! Every check passes.').waitFor({ timeout: 30_000 });
  await page.locator('.submissions li').nth(2).waitFor();
  await screen(page, 'exercise-pass', '#result-title');
}
