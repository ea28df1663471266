/** The learner publishes a public profile and it opens for someone who is signed out. */
import { stageWork } from '../lib/content.ts';
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

/**
 * Ticking every topic of the first stage by hand earns nothing (self-reported); passing all of its
 * exercises and quizzes earns the credential, whose page a stranger opens and finds valid.
 */
async function credentialJourney(ctx: JourneyContext): Promise<void> {
  const page = ctx.learnerPage!;
  const work = stageWork('01-language');
  const byHand = await page.evaluate(async (topics: string[]) => {
    for (const topic of topics) {
      await fetch(`/api/progress/topics/${topic}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'done' }),
      });
    }
    return (await (await fetch('/api/credentials')).json()).items.length as number;
  }, work.topics);
  expect(byHand === 0, `ticking topics by hand issues no credential (${byHand})`);
  await page.goto(`${ctx.url}/topics/${work.topics[0]}`);
  await page.getByLabel('Done (self-reported)').waitFor();

  const credentialId = await page.evaluate(async (w: typeof work) => {
    const post = (url: string, body: unknown) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    for (const e of w.exercises) {
      const { id } = await (
        await post(`/api/exercises/${e.id}/submissions`, { code: e.solution, mode: 'submit' })
      ).json();
      for (let tries = 0; ; tries++) {
        if (tries > 600) throw new Error(`${e.id}: not graded within two minutes`);
        const s = await (await fetch(`/api/submissions/${id}`)).json();
        if (s.status === 'graded' || s.status === 'failed') {
          if (s.result?.status !== 'pass') throw new Error(`${e.id}: the reference solution did not pass`);
          break;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    for (const q of w.quizzes) await post(`/api/quizzes/${q.id}/attempts`, { answers: q.answers });
    return (await (await fetch('/api/credentials')).json()).items[0]?.id as string | undefined;
  }, work);
  expect(credentialId, 'passing every exercise and quiz of the stage issues a credential');
  await page.goto(`${ctx.url}/topics/${work.topics[0]}`);
  await page.getByLabel('Done — passed').waitFor();
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
  await view.getByRole('heading', { name: 'What it proves' }).waitFor();
  await view.getByRole('button', { name: 'Download the credential (JWT)' }).waitFor();
  await screen(view, 'credential');
  await stranger.close();
}
