/** The visitor signs up, confirms the email from the mailed link, signs in, and keeps their local progress. */
import { screen } from '../lib/screens.ts';
import { expect, type JourneyContext } from './context.ts';

export async function signUpJourney(ctx: JourneyContext): Promise<void> {
  const page = ctx.learnerPage!;
  const { learner } = ctx;
  await page.getByRole('link', { name: 'Sign up' }).click();
  await page.getByLabel('Name').fill(learner.name);
  await page.getByLabel('Email').fill(learner.email);
  await page.getByLabel('Password').fill(learner.password);
  await page.getByText('will be added to your account').waitFor();
  await screen(page, 'sign-up');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();

  const token = await ctx.mail.tokenFor(learner.email);
  await page.goto(`${ctx.url}/verify-email#token=${encodeURIComponent(token)}`);
  await page.getByText('Your email address is confirmed').waitFor();
  await screen(page, 'verify-email');
  await page.getByRole('link', { name: 'Sign in' }).last().click();
  await page.getByLabel('Email').fill(learner.email);
  await page.getByLabel('Password').fill(learner.password);
  await screen(page, 'sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/dashboard');
  await page.getByRole('heading', { name: 'Your progress' }).waitFor();

  const progress = await page.evaluate(async () => (await fetch('/api/progress')).json());
  const statuses = (progress.stages as { topics: { id: string; status: string }[] }[]).flatMap((s) => s.topics);
  const merged = statuses.find((t) => t.id === ctx.exercise.topic)?.status;
  expect(merged === 'learning', `the visitor's "learning" status reached the account (got ${merged})`);
}
