/**
 * The screens no story above passes through still get the accessibility check and screenshots:
 * forgot and reset password (signed out), the CLI device approval and joining a cohort (signed in).
 */
import { screen } from '../lib/screens.ts';
import type { JourneyContext } from './context.ts';

export async function otherScreensJourney(ctx: JourneyContext): Promise<void> {
  const browser = await ctx.newContext();
  const visitor = await browser.newPage();
  for (const [path, name] of [
    ['/forgot-password', 'forgot-password'],
    ['/reset-password', 'reset-password'],
  ] as const) {
    await visitor.goto(`${ctx.url}${path}`);
    await visitor.locator('h1').first().waitFor();
    await screen(visitor, name);
  }
  await browser.close();

  const learner = ctx.learnerPage!;
  for (const [path, name] of [
    ['/device', 'device'],
    ['/cohorts/join', 'cohort-join'],
  ] as const) {
    await learner.goto(`${ctx.url}${path}`);
    await learner.locator('h1').first().waitFor();
    await screen(learner, name);
  }
}
