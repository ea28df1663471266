/**
 * The defects an outside tester found (issue 13), checked in a real browser: nothing scrolls the page
 * sideways at 1280 or 390 px (a long saved link, a lesson's long code line, the exercise editor), the
 * capstone summary renders inline code, the header's theme switch is remembered and applied before
 * the app's script runs, and a solved exercise opens with the passing solution in a new browser.
 * Self-contained: it signs up its own learner, so it can run alone (E2E_ONLY=layout).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DESKTOP } from '../lib/browser.ts';
import { RESULTS, screen } from '../lib/screens.ts';
import { expect, type JourneyContext } from './context.ts';

const PHONE_390 = { width: 390, height: 844 };
const LONG_URL = `https://example.com/${'a-very-long-unbroken-path-segment'.repeat(8)}?q=${'x'.repeat(80)}`;
const CODE_TOPIC = 'web-http-messages';
const INLINE_CODE_TOPIC = 'web-json-content-negotiation';
const CAPSTONE_TOPIC = 'practice-capstone';
const LONG_COMMENT = `-- ${'a comment long enough to run past the edge of a phone '.repeat(3)}`;

async function signUpAndIn(ctx: JourneyContext, page: Page, email: string) {
  const password = 'layout passphrase 77';
  await page.goto(`${ctx.url}/sign-in`);
  const call = (path: string, body: unknown) =>
    page.evaluate(
      async ([p, b]) => {
        const res = await fetch(p as string, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(b),
        });
        return { status: res.status, text: await res.text() };
      },
      [path, body] as const,
    );
  const signUp = await call('/api/auth/sign-up', { name: 'Theo Tester', email, password });
  expect(signUp.status === 202, `sign-up answered ${signUp.status}: ${signUp.text}`);
  const verified = await call('/api/auth/verify-email', { token: await ctx.mail.tokenFor(email) });
  expect(verified.status === 200, `verify-email answered ${verified.status}: ${verified.text}`);
  return { password, signIn: () => call('/api/auth/sign-in', { email, password }) };
}

/** The shared screenshots are 1280 and 375 px; the tester's report was at 390 px, so keep that width too. */
async function at390(page: Page, name: string, focus?: string) {
  await page.setViewportSize(PHONE_390);
  if (focus)
    await page
      .locator(focus)
      .first()
      .evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(RESULTS, `${name}-390.png`) });
  await page.setViewportSize(DESKTOP);
}

/** Fails when the page can be scrolled sideways at this width: the one symptom every layout bug here shares. */
async function expectNoSidewaysScroll(page: Page, what: string) {
  for (const size of [DESKTOP, PHONE_390]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(100);
    const { scroll, inner } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
    }));
    expect(scroll <= inner, `${what} scrolls sideways at ${size.width} px (scrollWidth ${scroll} > ${inner})`);
  }
  await page.setViewportSize(DESKTOP);
}

export async function layoutAndThemeJourney(ctx: JourneyContext): Promise<void> {
  const browser = await ctx.newContext();
  const page = await browser.newPage();
  const email = 'theo.layout@example.com';
  const account = await signUpAndIn(ctx, page, email);
  const signedIn = await account.signIn();
  expect(signedIn.status === 200, `sign-in answered ${signedIn.status}: ${signedIn.text}`);

  // Each defect is checked on its own, so one run reports every one that is back.
  const failures: string[] = [];
  const part = async (name: string, body: () => Promise<void>) => {
    try {
      await body();
    } catch (err) {
      failures.push(`${name}: ${(err as Error).message.split('\n').slice(0, 4).join(' / ')}`);
      await page.setViewportSize(DESKTOP);
    }
  };

  await part('a. long saved link', async () => {
    // a. A long saved link wraps inside its card.
    await page.goto(`${ctx.url}/topics/${ctx.exercise.topic}`);
    await page.getByLabel('Link to add').fill(LONG_URL);
    await page.getByRole('button', { name: 'Add link' }).click();
    await page.locator('.link-list a').first().waitFor();
    await expectNoSidewaysScroll(page, 'a topic with a long saved link');
    await screen(page, 'long-link', '#notes-title');
    await at390(page, 'long-link', '#notes-title');
  });

  await part('c. lesson code block', async () => {
    // c. A lesson's long code line scrolls inside its block, which keeps a tab stop.
    await page.goto(`${ctx.url}/topics/${CODE_TOPIC}`);
    await page.locator('.lesson-body pre').first().waitFor();
    await expectNoSidewaysScroll(page, 'a lesson with a long code line');
    await page.setViewportSize(PHONE_390);
    const blocks = await page.locator('.lesson-body pre').evaluateAll((pres) =>
      pres.map((p) => ({
        right: p.getBoundingClientRect().right,
        scrolls: p.scrollWidth > p.clientWidth,
        overflow: getComputedStyle(p).overflowX,
        tab: p.getAttribute('tabindex'),
      })),
    );
    await page.setViewportSize(DESKTOP);
    expect(
      blocks.some((b) => b.scrolls),
      'no lesson code block is wider than the phone (pick a topic with a long line)',
    );
    for (const b of blocks) {
      expect(b.right <= PHONE_390.width, `a lesson code block ends at ${b.right} px, past the 390 px screen`);
      if (b.scrolls)
        expect(b.overflow === 'auto' && b.tab === '0', 'a wide code block scrolls by itself and by keyboard');
    }
    await screen(page, 'lesson-code', '.lesson-body pre');
    await at390(page, 'lesson-code', '.lesson-body pre');
    // A long unbroken identifier in running text (inline code) breaks instead of widening the page.
    await page.goto(`${ctx.url}/topics/${INLINE_CODE_TOPIC}`);
    await page.locator('.lesson-body').waitFor();
    await expectNoSidewaysScroll(page, 'a lesson with a long inline code span');
  });

  await part('b. capstone summary', async () => {
    // b. The capstone summary shows inline code, not backticks.
    await page.goto(`${ctx.url}/topics/${CAPSTONE_TOPIC}`);
    const lead = page.locator('.lead').first();
    await lead.waitFor();
    expect(
      !(await lead.innerText()).includes('`'),
      `the capstone summary shows raw backticks: ${await lead.innerText()}`,
    );
    expect((await lead.locator('code').count()) > 0, 'the capstone summary renders its command as code');
    await expectNoSidewaysScroll(page, 'the capstone topic');
    await screen(page, 'capstone-summary');
    await at390(page, 'capstone-summary');
  });

  await part('c+e. phone editor and restored solution', async () => {
    // c. The exercise editor fits a phone.
    await page.goto(`${ctx.url}/exercises/${ctx.exercise.id}`);
    await page.locator('.cm-content').waitFor({ timeout: 30_000 });
    await expectNoSidewaysScroll(page, 'the exercise page');
    await page.setViewportSize(PHONE_390);
    const editorRight = await page.locator('.code-editor').evaluate((e) => e.getBoundingClientRect().right);
    await page.setViewportSize(DESKTOP);
    expect(editorRight <= PHONE_390.width, `the editor ends at ${editorRight} px, past the 390 px screen`);

    // e. Solve it, then open it in a new browser: the passing solution is loaded, with its date.
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(`${ctx.exercise.solution.trimEnd()}\n${LONG_COMMENT}\n`);
    // On a phone a long line wraps instead of running off the side of the editor.
    await page.setViewportSize(PHONE_390);
    const hidden = await page
      .locator('.code-editor .cm-scroller')
      .evaluate((s) => ({ scroll: s.scrollWidth, client: s.clientWidth }));
    await page.setViewportSize(DESKTOP);
    expect(
      hidden.scroll <= hidden.client + 1,
      `a long line is cut off in the phone editor (${hidden.scroll} px of code in ${hidden.client} px)`,
    );
    const streamed: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/submissions/')) streamed.push(new URL(r.url()).pathname);
    });
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.getByText('Solved! Every check passes.').waitFor({ timeout: 30_000 });
    // The verdict arrived through the server-sent events stream, not by polling.
    expect(
      streamed.some((p) => p.endsWith('/events')) && !streamed.some((p) => /^\/api\/submissions\/[^/]+$/.test(p)),
      `the page waited for the verdict by ${streamed.join(', ') || 'nothing'}`,
    );
    await screen(page, 'exercise-phone-editor', '.code-editor');
    await at390(page, 'exercise-phone-editor', '.code-editor');

    const second = await ctx.newContext();
    const fresh = await second.newPage();
    await fresh.goto(`${ctx.url}/sign-in`);
    await fresh.getByLabel('Email').fill(email);
    await fresh.getByLabel('Password').fill(account.password);
    await fresh.getByRole('button', { name: 'Sign in' }).click();
    await fresh.waitForURL('**/dashboard');
    await fresh.goto(`${ctx.url}/exercises/${ctx.exercise.id}`);
    await fresh.getByText(/Loaded your passing solution from/).waitFor();
    const editorText = await fresh.locator('.cm-content').innerText();
    const firstLine = ctx.exercise.solution.trim().split('\n')[0]!.trim();
    expect(editorText.includes(firstLine), `the editor shows the passing solution (got: ${editorText.slice(0, 200)})`);
    await screen(fresh, 'exercise-restored');
    await at390(fresh, 'exercise-restored', '.restored-note');
    await second.close();
  });

  await part('d. theme switch', async () => {
    // d. The theme switch: labelled, keyboard operable, remembered, applied before the app's script.
    await page.goto(`${ctx.url}/`);
    const toggle = page.getByRole('button', { name: /^Theme:/ });
    await toggle.waitFor();
    await toggle.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitemradio', { name: 'Dark' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const isDark = () =>
      page.evaluate(() => {
        const [r = 255, g = 255, b = 255] = getComputedStyle(document.body).backgroundColor.match(/\d+/g)!.map(Number);
        return r + g + b < 3 * 96;
      });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    expect(await isDark(), 'choosing Dark darkens the page');
    expect(
      (await page.evaluate(() => localStorage.getItem('backpath.theme'))) === 'dark',
      'the choice is kept in localStorage',
    );
    for (const [path, name, ready] of [
      ['/', 'theme-dark-roadmap', '.path .stage'],
      [`/topics/${CODE_TOPIC}`, 'theme-dark-lesson', '.lesson-body'],
      [`/exercises/${ctx.exercise.id}`, 'theme-dark-exercise', '.cm-editor'],
    ] as const) {
      await page.goto(`${ctx.url}${path}`);
      await page.locator(ready).first().waitFor();
      expect(await isDark(), `${path} stays dark after a reload`);
      await screen(page, name);
    }
    // Before first paint: with the app's JavaScript blocked, the remembered theme is still applied.
    await page.route('**/assets/*.js', (route) => route.abort());
    await page.goto(`${ctx.url}/`);
    await page.waitForLoadState('load');
    expect(
      (await page.evaluate(() => document.documentElement.dataset.theme)) === 'dark' && (await isDark()),
      'the remembered dark theme is applied before the app runs (no light flash)',
    );
    await page.unroute('**/assets/*.js');
    // The system setting wins again once "System" is chosen.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${ctx.url}/`);
    await page.getByRole('button', { name: /^Theme:/ }).click();
    await page.getByRole('menuitemradio', { name: 'System' }).click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    expect(!(await isDark()), 'System follows the (light) system setting');
    await page.getByRole('button', { name: /^Theme:/ }).click();
    await page.getByRole('menuitemradio', { name: 'Light' }).click();
    await page.locator('.path .stage').first().waitFor();
    await screen(page, 'theme-light-roadmap');
  });
  await browser.close();
  expect(failures.length === 0, `issue 13 defects:\n      ${failures.join('\n      ')}`);
}
