/** The learner answers the topic's quiz one question at a time and sees the explanations; the review queue fills. */
import { screen } from '../lib/screens.ts';
import { expect, type JourneyContext } from './context.ts';

export async function quizJourney(ctx: JourneyContext): Promise<void> {
  const page = ctx.learnerPage!;
  await page.goto(`${ctx.url}/topics/${ctx.exercise.topic}`);
  await page.getByRole('link', { name: 'Take the quiz' }).click();
  await page.locator('.question-prompt').waitFor();
  let first = true;
  for (let i = 0; i < 50; i++) {
    const card = page.locator('.quiz .card');
    const choice = card.locator('input[type=radio], input[type=checkbox]');
    if ((await choice.count()) > 0) await choice.first().check();
    else await card.getByLabel('Your answer').fill('index');
    if (first) {
      await screen(page, 'quiz-question');
      first = false;
    }
    const next = page.getByRole('button', { name: 'Next question' });
    if (await next.isVisible()) {
      await next.click();
      continue;
    }
    await page.getByRole('button', { name: 'Check my answers' }).click();
    break;
  }
  const score = page.locator('#score-title');
  await score.waitFor();
  expect(/\d+ of \d+ correct/.test(await score.innerText()), 'the score is shown');
  expect((await page.locator('.question-result').count()) > 0, 'each question is explained');
  await screen(page, 'quiz-result');

  await page.getByRole('link', { name: 'Daily review' }).first().click();
  await page.getByRole('heading', { name: 'Daily review' }).waitFor();
  await page.locator('.quiz .muted strong').waitFor();
  await screen(page, 'review');
}
