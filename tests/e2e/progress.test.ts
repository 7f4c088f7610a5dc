import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchChromium } from '../support/browser';
import { eventually, HomePage, TrainPage } from './pages';

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

/** Runs the workout until the current interval is a rest that follows work. */
async function untilRestAfterWork(page: Page, train: TrainPage) {
  for (let i = 0; i < 6; i += 1) {
    if (await page.getByRole('form', { name: /^Log / }).isVisible()) return;
    await page.clock.runFor(Math.max(1000, (await train.countdownMs()) + 500));
  }
  throw new Error('no rest after a work interval');
}

it('records workouts with the network cut halfway and the tab closed mid-workout; Progress shows them, logged entries charted, and a delete asks once', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.clock.install();

  const home = new HomePage(page, server.baseUrl);
  await home.open();
  const montage = await home.build('HIIT', 20);
  const train = await montage.startWorkout();
  const montageUrl = page.url().replace(/\/train$/, '');
  await train.start();
  await page.clock.runFor(3000);

  // The network goes; the workout goes on, and what is logged now is kept on the device.
  await context.setOffline(true);
  await untilRestAfterWork(page, train);
  const logForm = page.getByRole('form', { name: /^Log / });
  const exercise = ((await logForm.getAttribute('aria-label')) ?? '').replace(/^Log /, '');
  await logForm.getByRole('spinbutton').first().fill('17');
  await logForm.getByRole('button', { name: 'Log it' }).click();
  await eventually(() => logForm.getByRole('status').textContent()).toBe('Logged.');
  await page.getByRole('button', { name: 'Next interval' }).click();
  await page.clock.runFor(5000);
  expect(await page.evaluate(() => Object.keys(JSON.parse(localStorage.getItem('montage.session-outbox.v1') ?? '{}')).length)).toBe(1);

  // Back online: the kept session is sent, and Progress shows it with the entry made offline.
  await context.setOffline(false);
  await eventually(() => page.evaluate(() => Object.keys(JSON.parse(localStorage.getItem('montage.session-outbox.v1') ?? '{}')).length)).toBe(0);
  await train.pause();
  await page.goto(`${server.baseUrl}/progress`);
  await eventually(() => page.getByTestId('session-row').count()).toBe(1);
  expect(await page.getByTestId('abandoned-count').textContent()).toBe('1');
  expect(await page.getByTestId('streak').textContent()).toBe('1 week');
  const chart = page.getByTestId('exercise-chart').filter({ hasText: exercise });
  await eventually(() => chart.getByTestId('personal-best').textContent()).toMatch(/Best: 17 /);

  // A second workout, its tab closed mid-way: what was done so far arrives.
  const second = await context.newPage();
  await second.goto(`${montageUrl}/train`);
  await new TrainPage(second).start();
  await second.waitForTimeout(1500);
  await second.close({ runBeforeUnload: true });
  await eventually(async () => {
    await page.reload();
    return page.getByTestId('session-row').count();
  }, 20_000).toBe(2);

  // Deleting asks once, then the session is gone.
  await page.getByTestId('session-row').first().getByRole('button', { name: /^Delete the session/ }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await eventually(() => page.getByTestId('session-row').count()).toBe(1);
  await context.close();
});
