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
  // Two-factor sign-in is off: only the set-up is offered.
  await page.getByRole('button', { name: 'Set up two-factor sign-in' }).waitFor();
  expect((await page.getByRole('button', { name: 'Turn off' }).count()) === 0, 'no "Turn off" while 2FA is off');
  await screen(page, 'account');

  await credentialJourney(ctx);
}

/** The learner finishes the first stage by hand, opens the credential's page, and a stranger verifies it. */
async function credentialJourney(ctx: JourneyContext): Promise<void> {
  const page = ctx.learnerPage!;
  const credentialId = await page.evaluate(async () => {
    const progress = await (await fetch('/api/progress')).json();
    for (const topic of progress.stages[0].topics) {
      await fetch(`/api/progress/topics/${topic.id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'done' }),
      });
    }
    return (await (await fetch('/api/credentials')).json()).items[0]?.id as string | undefined;
  });
  expect(credentialId, 'finishing a stage issues a credential');
  await page.goto(`${ctx.url}/profile`);
  await page.getByRole('link', { name: 'Verify' }).first().click();
  await page.waitForURL(`**/credentials/${credentialId}`);
  await page.getByText('Valid', { exact: true }).waitFor();

  const stranger = await ctx.newContext();
  const view = await stranger.newPage();
  await view.goto(`${ctx.url}/credentials/${credentialId}`);
  await view.getByText('Valid', { exact: true }).waitFor();
  const verdict = await view.locator('.credential.valid').innerText();
  expect(verdict.includes(`to ${ctx.learner.name} for stage`), `the verdict names the learner (${verdict})`);
  await view.getByRole('button', { name: 'Download the credential (JWT)' }).waitFor();
  await screen(view, 'credential');
  await stranger.close();
}
