/**
 * The same screens in the dark theme (the app follows the system setting), each through axe, and
 * the roadmap used with the keyboard alone: Tab reaches a topic with a visible focus ring, Enter
 * opens it.
 */
import { screen } from '../lib/screens.ts';
import { expect, type JourneyContext } from './context.ts';

export async function darkAndKeyboardJourney(ctx: JourneyContext): Promise<void> {
  const page = ctx.learnerPage!;
  await page.emulateMedia({ colorScheme: 'dark' });
  try {
    const background = async () =>
      page.evaluate(() => getComputedStyle(document.body).backgroundColor.match(/\d+/g)!.map(Number));
    for (const [path, name, ready] of [
      ['/', 'roadmap-dark', '.path .stage'],
      [`/topics/${ctx.exercise.topic}`, 'lesson-dark', '.lesson-body'],
      [`/exercises/${ctx.exercise.id}`, 'exercise-dark', '.cm-editor'],
      ['/dashboard', 'dashboard-dark', 'h1'],
      ['/account', 'account-dark', 'h1'],
    ] as const) {
      await page.goto(`${ctx.url}${path}`);
      await page.locator(ready).first().waitFor();
      const [r = 255, g = 255, b = 255] = await background();
      expect(r + g + b < 3 * 96, `${path} is not dark in the dark theme (body background rgb(${r}, ${g}, ${b}))`);
      await screen(page, name);
    }
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
  }

  // Keyboard only, from the top of the roadmap.
  await page.goto(ctx.url);
  await page.locator('.path .stage').first().waitFor();
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.hasAttribute('data-topic') ?? false);
  }
  expect(reached, 'Tab never reached a topic on the roadmap');
  const ring = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement!);
    return { outline: s.outlineStyle !== 'none' && Number.parseFloat(s.outlineWidth) > 0, shadow: s.boxShadow };
  });
  expect(ring.outline || ring.shadow !== 'none', 'the focused topic shows no focus ring');
  const topic = await page.evaluate(() => document.activeElement!.getAttribute('data-topic'));
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/topics/${topic}`);
  await page.locator('h1').first().waitFor();
}
