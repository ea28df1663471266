/**
 * The learner answers the topic's quiz one question at a time, sees each verdict and explanation
 * right after answering, then the score; the Review link counts the due questions; in the daily
 * review they answer, see the verdict, and rate their recall.
 */
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
    if (first) await screen(page, 'quiz-question');
    await page.getByRole('button', { name: 'Check answer' }).click();
    const feedback = card.locator('.feedback');
    await feedback.waitFor();
    expect(/Correct|Not quite/.test(await feedback.innerText()), 'the verdict is shown right after answering');
    if (first) {
      await screen(page, 'quiz-feedback', '.feedback');
      first = false;
    }
    const next = page.getByRole('button', { name: 'Next question' });
    if (await next.isVisible()) {
      await next.click();
      continue;
    }
    await page.getByRole('button', { name: 'See my score' }).click();
    break;
  }
  const score = page.locator('#score-title');
  await score.waitFor();
  expect(/\d+ of \d+ correct/.test(await score.innerText()), 'the score is shown');
  expect((await page.locator('.question-result').count()) > 0, 'each question is explained');
  await screen(page, 'quiz-result');

  // The answered questions are due today: the Review link says how many.
  const badge = page.locator('.nav-links .nav-badge');
  await badge.waitFor();
  expect(/^[1-9]\d*\+? due$/.test(((await badge.textContent()) ?? '').trim()), 'the Review link counts due questions');

  await page.getByRole('link', { name: 'Daily review' }).first().click();
  await page.getByRole('heading', { name: 'Daily review' }).waitFor();
  await page.locator('.quiz .muted strong').waitFor();
  await screen(page, 'review');
  const card = page.locator('.quiz .card');
  const choice = card.locator('input[type=radio]:not([name=rating]), input[type=checkbox]');
  if ((await choice.count()) > 0) await choice.first().check();
  else await card.getByLabel('Your answer').fill('index');
  await page.getByRole('button', { name: 'Check answer' }).click();
  await card.locator('.feedback').waitFor();
  expect((await card.locator('input[name=rating]:checked').count()) === 1, 'a recall rating is preselected');
  await screen(page, 'review-rating', '.feedback');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.locator('.quiz .card').first().waitFor();
}
