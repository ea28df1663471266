/** The learner marks the topic done and sees the roadmap and dashboard update. */
import { screen } from '../lib/screens.ts';
import { expect, type JourneyContext } from './context.ts';

export async function progressJourney(ctx: JourneyContext): Promise<void> {
  const page = ctx.learnerPage!;
  const topic = ctx.exercise.topic;
  await page.goto(`${ctx.url}/topics/${topic}`);
  await Promise.all([
    page.waitForResponse((r) => r.url().includes(`/api/progress/topics/${topic}`) && r.ok()),
    page.getByLabel('Done').check(),
  ]);

  await page.getByRole('link', { name: 'Roadmap' }).first().click();
  await page.locator(`[data-topic="${topic}"][data-status="done"]`).waitFor();
  const count = await page
    .locator('.stage', { has: page.locator(`[data-topic="${topic}"]`) })
    .locator('.stage-count')
    .innerText();
  expect(/^[1-9]\d*\/\d+ done$/.test(count.trim()), `the stage counts a done topic (${count})`);
  await screen(page, 'roadmap-progress');

  await page.getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('heading', { name: 'Recent submissions' }).waitFor();
  await page.locator('.recent li', { hasText: ctx.exercise.title }).first().waitFor();
  const overall = await page.locator('.big-number').first().innerText();
  expect(overall.trim() !== '0%', `overall completion moved (${overall})`);
  await page.locator('.heatmap svg').waitFor();
  await screen(page, 'dashboard');
}
