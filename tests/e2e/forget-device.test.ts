import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startAppServer, type AppServer } from '../support/app-server';
import { cspViolations, launchChromium } from '../support/browser';
import { eventually, HomePage } from './pages';
import { SIZES } from './workout-pages';

let server: AppServer;
let browser: Browser;

beforeAll(async () => {
  server = await startAppServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  expect(cspViolations).toEqual([]);
});

describe.each(SIZES)('“Forget this device” on a $name', ({ viewport }) => {
  it('asks once, ends the session on the server, and shows a new visitor none of the old montages', async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const home = new HomePage(page, server.baseUrl);
    await home.open();
    // A new visitor has nothing to forget.
    expect(await page.getByRole('button', { name: 'Forget this device' }).count()).toBe(0);
    const montage = await home.build('Rocky circuit', 20);
    const montageUrl = page.url();
    const name = (await montage.heading.textContent())!;
    const oldCookies = await context.cookies();

    await home.open();
    const mine = page.getByRole('region', { name: 'Your montages' });
    expect(await mine.getByRole('link', { name: new RegExp(name) }).count()).toBe(1);

    // The first click only asks; "Keep me here" steps back, with focus on the button again.
    const forget = page.getByRole('button', { name: 'Forget this device' });
    await forget.click();
    const confirm = page.getByRole('group', { name: 'Confirm forgetting this device' });
    await confirm.waitFor();
    await eventually(() => confirm.getByRole('button', { name: 'Keep me here' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await eventually(() => forget.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await mine.getByRole('link').count()).toBe(1);

    await forget.click();
    await confirm.getByRole('button', { name: 'Yes, forget it' }).click();
    await mine.waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: 'Forget this device' }).count()).toBe(0);
    await page.reload();
    expect(await page.getByRole('region', { name: 'Your montages' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: new RegExp(name) }).count()).toBe(0);
    const response = await page.goto(montageUrl);
    expect(response?.status()).toBe(404);

    // Revoked on the server: the old cookie, put back (e.g. copied off the device), proves nothing.
    const copy = await browser.newContext({ viewport });
    await copy.addCookies(oldCookies);
    const thief = await copy.newPage();
    expect((await thief.goto(montageUrl))?.status()).toBe(404);
    await thief.goto(`${server.baseUrl}/`);
    expect(await thief.getByRole('region', { name: 'Your montages' }).count()).toBe(0);
    await copy.close();
    await context.close();
  });
});
