import { AxeBuilder } from '@axe-core/playwright';
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
  // In dark mode the charts stay readable: axe finds no serious contrast problem in them (issue 32, item 9).
  await page.emulateMedia({ colorScheme: 'dark' });
  const darkViolations = await new AxeBuilder({ page }).include('[data-testid="exercise-chart"]').analyze();
  expect(darkViolations.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });

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

it('the exercise log that appears at a rest leaves Pause and Next where the thumb was (issue 32, item 11)', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.clock.install();
  const home = new HomePage(page, server.baseUrl);
  await home.open();
  const train = await (await home.build('HIIT', 20)).startWorkout();
  await train.start();
  await page.clock.runFor(1000);
  const where = async () => {
    const pause = await page.getByRole('button', { name: 'Pause' }).boundingBox();
    const next = await page.getByRole('button', { name: 'Next interval' }).boundingBox();
    return { pauseY: Math.round(pause!.y), nextY: Math.round(next!.y) };
  };
  const duringWork = await where();
  expect(await page.getByRole('form', { name: /^Log / }).count()).toBe(0);
  await untilRestAfterWork(page, train);
  // The form sits below the controls, so they stay put (the rest card's own text may differ by a line).
  const atRest = await where();
  const form = (await page.getByRole('form', { name: /^Log / }).boundingBox())!;
  const next = (await page.getByRole('button', { name: 'Next interval' }).boundingBox())!;
  expect(form.y).toBeGreaterThanOrEqual(next.y + next.height);
  expect(Math.abs(atRest.pauseY - duringWork.pauseY)).toBeLessThanOrEqual(24);
  expect(Math.abs(atRest.nextY - duringWork.nextY)).toBeLessThanOrEqual(24);
  await context.close();
});
