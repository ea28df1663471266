/** The learner publishes a public profile and it opens for someone who is signed out. */
import { screen } from '../lib/screens.ts';
import { expect, type JourneyContext } from './context.ts';

export async function portfolioJourney(ctx: JourneyContext): Promise<void> {
  const page = ctx.learnerPage!;
  const handle = 'e2e-learner';
  await page.goto(`${ctx.url}/profile`);
  await page.getByLabel('Handle').fill(handle);
  await page.getByLabel('Display name').fill(ctx.learner.name);
  await page.getByLabel('Bio').fill('Learning backend engineering, one stage at a time.');
  await page.getByLabel('Publish my profile').check();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByRole('link', { name: 'View your public page' }).waitFor();
  await screen(page, 'profile');

  const stranger = await ctx.newContext();
  const view = await stranger.newPage();
  await view.goto(`${ctx.url}/u/${handle}`);
  await view.getByRole('heading', { name: ctx.learner.name }).waitFor();
  const solved = await view.locator('#p-ex').innerText();
  expect(/Exercises solved: [1-9]/.test(solved), `the public page lists the solved exercise (${solved})`);
  expect((await view.getByRole('link', { name: 'Sign in' }).count()) > 0, 'the viewer is signed out');
  await screen(view, 'portfolio-public');
  await stranger.close();

  await page.goto(`${ctx.url}/account`);
  await page.getByRole('heading', { name: 'Sessions' }).waitFor();
  await screen(page, 'account');
}
