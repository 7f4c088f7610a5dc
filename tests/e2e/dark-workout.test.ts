import QRCode from 'qrcode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchChromium } from '../support/browser';
import { eventually, HomePage } from './pages';

let server: AppServer;
let browser: Browser;

beforeAll(async () => {
  server = await startAppServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('prints the montage card: every track and interval, the QR code of the share link, no site chrome, on at most two A4 pages', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const home = new HomePage(page, server.baseUrl);
  await home.open();
  const montage = await home.build('Rocky circuit', 30);
  const titles = await montage.trackTitles();
  const shareUrl = await montage.createShareLink();

  await page.goto(`${page.url()}/card`);
  expect(await page.getByTestId('card-track').count()).toBe(titles.length);
  for (const [k, title] of titles.entries()) {
    expect(await page.getByTestId('card-track').nth(k).getByRole('heading', { level: 2 }).textContent()).toContain(title);
  }
  expect(await page.getByText('Sled pull', { exact: true }).first().isVisible()).toBe(true);
  expect(await page.getByText(/^\d+:\d\d–\d+:\d\d$/).count()).toBeGreaterThan(titles.length);
  const expectedQr = await QRCode.toString(shareUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  const printedQr = await page.getByTestId('share-qr').locator('svg').evaluate((svg) => svg.outerHTML);
  expect(printedQr.match(/ d="[^"]+"/g)).toEqual(expectedQr.match(/ d="[^"]+"/g));

  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('body > header').isVisible()).toBe(false);
  expect(await page.getByRole('button', { name: 'Print the card' }).isVisible()).toBe(false);
  const pdf = await page.pdf({ format: 'A4' });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? [];
  expect(pages.length).toBeGreaterThanOrEqual(1);
  expect(pages.length).toBeLessThanOrEqual(2);
  await context.close();
});

it('audio-only mode: a black screen, the next interval announced ahead, and the workout reaches its end with the screen hidden', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.clock.install();
  const home = new HomePage(page, server.baseUrl);
  await home.open();
  const montage = await home.build('HIIT', 20);
  await montage.startWorkout();

  await page.getByRole('button', { name: 'Audio only' }).click();
  const dark = page.getByRole('dialog', { name: 'Audio-only workout' });
  await dark.getByRole('button', { name: 'Start' }).click();
  const firstLeftMs = await page.evaluate(() => {
    const text = document.querySelector('[data-testid="countdown"]')?.textContent ?? '0:00';
    return text.split(':').map(Number).reduce((t, p) => t * 60 + p, 0) * 1000;
  });
  await page.clock.runFor(firstLeftMs - 9_500);
  await eventually(() => dark.getByTestId('spoken-ahead').textContent()).toMatch(/^Next, rest, in (9|10) seconds\.$/);

  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.clock.fastForward(30 * 60_000);
  await eventually(() => page.getByTestId('announcement').textContent()).toBe('Workout complete.');
  expect(await dark.getByRole('button', { name: 'Done' }).isDisabled()).toBe(true);
  await context.close();
});
