/**
 * A fresh `npm start` with no mail server (issue 13, ADR 011): on its own new embedded database and
 * without SMTP_URL, the first person signs up and signs in at once as the admin; the second is told
 * to ask the admin, cannot sign in yet, and gets in with the link the admin finds on the Outbox page
 * (the same link is in the server log). Self-contained (its own server), so E2E_ONLY="first run"
 * runs it alone.
 */
import type { Page } from 'playwright-core';
import { screen } from '../lib/screens.ts';
import { freePort, serverEnv, startServer, tempDataDir } from '../lib/server.ts';
import { expect, type JourneyContext } from './context.ts';

const owner = { name: 'Olga Owner', email: 'olga@example.com', password: 'first account passphrase 1' };
const second = { name: 'Sam Second', email: 'sam@example.com', password: 'second account passphrase 2' };

async function signUp(page: Page, url: string, who: typeof owner) {
  await page.goto(`${url}/sign-up`);
  await page.getByLabel('Name').fill(who.name);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
}

async function signIn(page: Page, url: string, who: typeof owner) {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function firstRunJourney(ctx: JourneyContext): Promise<void> {
  const data = tempDataDir();
  const env = serverEnv(await freePort(), 0, data.dir);
  delete env.SMTP_URL;
  env.LOG_LEVEL = 'info';
  const server = await startServer(env);
  try {
    const ownerPage = await (await ctx.newContext()).newPage();
    await signUp(ownerPage, server.url, owner);
    await ownerPage.getByText('You are the first account: you will be the admin').waitFor();
    await screen(ownerPage, 'first-run-sign-up');
    await ownerPage.getByRole('button', { name: 'Create account' }).click();
    await ownerPage.getByRole('heading', { name: 'You are the admin' }).waitFor();
    await screen(ownerPage, 'first-run-admin');
    await ownerPage.getByRole('link', { name: 'Sign in' }).last().click();
    await ownerPage.getByLabel('Email').fill(owner.email);
    await ownerPage.getByLabel('Password').fill(owner.password);
    await ownerPage.getByRole('button', { name: 'Sign in' }).click();
    await ownerPage.waitForURL('**/dashboard');
    const me = await ownerPage.evaluate(async () => (await fetch('/api/me')).json());
    expect(me.role === 'admin', `the first account is the admin (got ${me.role})`);

    const secondPage = await (await ctx.newContext()).newPage();
    await signUp(secondPage, server.url, second);
    await secondPage.getByText('This Backpath has no mail server, so it sends no email').waitFor();
    await secondPage.getByRole('button', { name: 'Create account' }).click();
    await secondPage.getByRole('heading', { name: 'Ask the admin for your link' }).waitFor();
    await screen(secondPage, 'first-run-ask-admin');
    await signIn(secondPage, server.url, second);
    await secondPage.getByText('ask its admin for your confirmation link').first().waitFor();
    await screen(secondPage, 'first-run-sign-in-unconfirmed');

    await ownerPage.goto(`${server.url}/dashboard`);
    await ownerPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outbox' }).click();
    await ownerPage.getByRole('heading', { name: 'Outbox' }).waitFor();
    await ownerPage.getByText(`To ${second.email}`).first().waitFor();
    await screen(ownerPage, 'outbox');
    const link = await ownerPage.getByRole('link', { name: 'Link in this mail' }).first().getAttribute('href');
    expect(link?.includes('/verify-email#token='), `the outbox shows the confirmation link (got ${link})`);
    expect(server.log().includes(link!), 'the same confirmation link is printed in the server log');

    await secondPage.goto(link!);
    await secondPage.getByText('Your email address is confirmed').waitFor();
    await signIn(secondPage, server.url, second);
    await secondPage.waitForURL('**/dashboard');
    const nav = secondPage.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Profile' }).waitFor();
    expect((await nav.getByRole('link', { name: 'Outbox' }).count()) === 0, 'a learner has no Outbox link');
    const them = await secondPage.evaluate(async () => (await fetch('/api/me')).json());
    expect(them.role === 'learner', `the second account is a learner (got ${them.role})`);
    const denied = await secondPage.evaluate(async () => (await fetch('/api/admin/mail-outbox')).status);
    expect(denied === 403, `a learner cannot read the outbox (got ${denied})`);
  } finally {
    await server.stop();
    data.remove();
  }
}
