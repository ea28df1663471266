/** A visitor opens the roadmap and a lesson, and marks it as being learned (kept in the browser). */
import { screen } from '../lib/screens.ts';
import { expect, type JourneyContext } from './context.ts';

export async function visitorJourney(ctx: JourneyContext): Promise<void> {
  const browser = await ctx.newContext();
  const page = await browser.newPage();
  ctx.learnerPage = page;
  await page.goto(ctx.url);
  await page.locator('.path .stage').first().waitFor();
  const stages = await page.locator('.path .stage').count();
  expect(stages >= 10, `the roadmap shows ${stages} stages`);
  await screen(page, 'roadmap');

  const topic = ctx.exercise.topic;
  await page.locator(`[data-topic="${topic}"]`).click();
  await page.locator('.lesson-body').waitFor();
  expect((await page.locator('.lesson-body').innerText()).length > 200, 'the lesson has text');
  await page.getByLabel('Learning').check();
  await page.waitForFunction(
    (id) => JSON.parse(localStorage.getItem('backpath.progress.v1') ?? '{}')[id] === 'learning',
    topic,
  );
  await screen(page, 'lesson');

  await page.getByRole('link', { name: 'Roadmap' }).first().click();
  await page.locator(`[data-topic="${topic}"][data-status="learning"]`).waitFor();
}
