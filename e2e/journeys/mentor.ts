/**
 * A mentor sets their password from the mailed link, creates a cohort, the learner joins, the mentor
 * sees them and comments on a submission, and the learner reads the comment and replies.
 */
import { screen } from '../lib/screens.ts';
import { expect, type JourneyContext } from './context.ts';

export async function mentorJourney(ctx: JourneyContext): Promise<void> {
  const browser = await ctx.newContext();
  const page = await browser.newPage();
  const { mentor } = ctx;
  await page.goto(mentor.setPasswordLink.replace(/^https?:\/\/[^/]+/, ctx.url));
  await page.getByLabel('New password').fill(mentor.password);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Your password is changed').waitFor();
  await page.goto(`${ctx.url}/sign-in`);
  await page.getByLabel('Email').fill(mentor.email);
  await page.getByLabel('Password').fill(mentor.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/dashboard');

  await page.getByRole('link', { name: 'Cohorts' }).click();
  await page.getByLabel('Cohort name').fill('Evening cohort');
  await page.getByRole('button', { name: 'Create cohort' }).click();
  await page.getByRole('link', { name: 'Evening cohort' }).waitFor();
  await screen(page, 'cohorts');
  await page.getByRole('link', { name: 'Evening cohort' }).click();
  const invite = await page.getByLabel(/Invite link/).inputValue();
  expect(invite.includes('/cohorts/join?token='), `an invite link is shown (${invite})`);

  const learner = ctx.learnerPage!;
  await learner.goto(invite.replace(/^https?:\/\/[^/]+/, ctx.url));
  await learner.getByRole('button', { name: 'Join the cohort' }).click();
  await learner.getByText('your mentor sees your progress').waitFor();

  await page.reload();
  const row = page.locator('table.members tr', { hasText: ctx.learner.name });
  await row.waitFor();
  expect(/[1-9]\d*\/\d+ topics/.test(await row.innerText()), 'the member row shows the learner’s progress');
  await row.getByRole('button', { name: 'Submissions' }).click();
  await page.locator('#subs-title').waitFor();
  // The learner's latest attempt at the SQL exercise (later journeys add attempts at other exercises).
  const attempt = page.locator('details', { has: page.locator('summary', { hasText: ctx.exercise.id }) }).first();
  await attempt.locator('summary').click();
  await attempt.getByLabel('Comment on this submission').fill('Nice use of ORDER BY with two keys.');
  await attempt.getByRole('button', { name: 'Comment' }).click();
  await page.locator('.comment', { hasText: 'Nice use of ORDER BY' }).waitFor();
  await screen(page, 'cohort');
  await browser.close();

  // The learner sees the comment on their attempt, marked new, and replies.
  await learner.goto(`${ctx.url}/exercises/${ctx.exercise.id}`);
  await learner.locator('details.submission-comments summary', { hasText: '1 new' }).click();
  // Opened, the comment is no longer new.
  const comments = learner.locator('details.submission-comments[open]');
  await learner.locator('details.submission-comments summary', { hasText: '1 new' }).waitFor({ state: 'detached' });
  await comments.locator('.comment', { hasText: 'Nice use of ORDER BY' }).waitFor();
  await comments.getByRole('button', { name: 'Reply' }).click();
  await comments.getByLabel(/Reply to/).fill('Thanks, I will keep that in mind.');
  await comments.getByRole('button', { name: 'Send reply' }).click();
  await comments.locator('.comment-replies .comment', { hasText: 'Thanks, I will keep' }).waitFor();
  await screen(learner, 'exercise-comments', 'details.submission-comments');
}
