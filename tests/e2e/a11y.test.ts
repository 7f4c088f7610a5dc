import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchChromium } from '../support/browser';
import { HomePage } from './pages';
import { SIZES } from './workout-pages';

let server: AppServer;
let browser: Browser;
/** Every page a visitor meets, built once: a montage with a live share link. */
let urls: Record<string, string>;
/** The owner's pages need the owner's cookie. */
let ownerCookies: Awaited<ReturnType<BrowserContext['cookies']>>;

beforeAll(async () => {
  server = await startAppServer();
  browser = await launchChromium();
  const context = await browser.newContext();
  const page = await context.newPage();
  const home = new HomePage(page, server.baseUrl);
  await home.open();
  const montage = await home.build('Rocky circuit', 25);
  const shareUrl = await montage.createShareLink();
  urls = {
    home: `${server.baseUrl}/`,
    library: `${server.baseUrl}/library`,
    montage: page.url(),
    workout: `${page.url()}/train`,
    shared: shareUrl,
    'shared workout': `${shareUrl}/train`,
    'printable card': `${page.url()}/card`,
    'shared printable card': `${shareUrl}/card`,
    progress: `${server.baseUrl}/progress`,
    'Spotify development mode': `${server.baseUrl}/spotify/development-mode`,
    'Spotify sign-in problem': `${server.baseUrl}/spotify/sign-in-problem`,
    'not found': `${server.baseUrl}/s/no-such-link`,
  };
  ownerCookies = await context.cookies();
  await context.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Serious and critical violations only, each with where it was found. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.each(SIZES)('axe on a $name', ({ viewport }) => {
  it.each(['light', 'dark'] as const)('finds no serious or critical violation on any page in %s mode', async (colorScheme) => {
    const context = await browser.newContext({ viewport, colorScheme });
    await context.addCookies(ownerCookies);
    const page = await context.newPage();
    const found: Record<string, string[]> = {};
    for (const [name, url] of Object.entries(urls)) {
      await page.goto(url);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      found[name] = await seriousViolations(page);
    }
    expect(found).toEqual(Object.fromEntries(Object.keys(urls).map((name) => [name, []])));
    await context.close();
  });
});
