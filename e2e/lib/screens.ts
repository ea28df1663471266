/**
 * What every journey does on every screen: wait for it, check accessibility with axe-core (no
 * serious or critical violations), and save screenshots at desktop and phone width.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE } from './browser.ts';

export const RESULTS = resolve(import.meta.dirname, '../results');
// Each run starts from an empty folder, so no screenshot from an older run is mistaken for this one's.
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

export interface A11yProblem {
  screen: string;
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

export const a11yProblems: A11yProblem[] = [];

export async function checkA11y(page: Page, screen: string): Promise<A11yProblem[]> {
  const results = await new AxeBuilder({ page: page as never }).analyze();
  const found = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      screen,
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  a11yProblems.push(...found);
  return found;
}

/**
 * Screenshots at desktop then phone width (the page is restored to desktop width after); `focus`
 * scrolls the part the screen is about into view first, as a person would on a small screen.
 */
export async function snap(page: Page, name: string, focus?: string): Promise<void> {
  const show = async () => {
    if (focus)
      await page
        .locator(focus)
        .first()
        .evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(150);
  };
  await page.setViewportSize(DESKTOP);
  await show();
  await page.screenshot({ path: join(RESULTS, `${name}-desktop.png`) });
  await page.setViewportSize(PHONE);
  await show();
  await page.screenshot({ path: join(RESULTS, `${name}-phone.png`) });
  await page.setViewportSize(DESKTOP);
}

/** A screen done: axe first (so a failure names the screen), then the screenshots. */
export async function screen(page: Page, name: string, focus?: string): Promise<void> {
  const problems = await checkA11y(page, name);
  await snap(page, name, focus);
  if (problems.length > 0) {
    throw new Error(
      `accessibility problems on "${name}":\n${problems.map((p) => `  ${p.impact} ${p.id}: ${p.help} (${p.targets.join(', ')})`).join('\n')}`,
    );
  }
}
