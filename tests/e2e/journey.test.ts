import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchChromium } from '../support/browser';
import { eventually, HomePage, MontagePage, TrainPage } from './pages';

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


it('builds, adjusts, trains, shares, opens the link with no cookies, and revokes it', async () => {
  const owner = await browser.newContext({ viewport: { width: 390, height: 844 } }); // a phone
  const page = await owner.newPage();
  await page.clock.install();

  // Build
  const home = new HomePage(page, server.baseUrl);
  await home.open();
  const montage = await home.build('Rocky circuit', 25);
  await eventually(() => montage.heading.textContent()).toBe('Rocky circuit · 25 min');
  const titles = await montage.trackTitles();
  expect(titles.length).toBeGreaterThanOrEqual(5);
  expect(titles).not.toContain('Training Montage');
  expect(await page.getByRole('img', { name: 'Tempo over time' }).count()).toBe(1);

  // Adjust: rename, reorder, split an interval, set an unknown tempo
  await montage.rename('Siberia');
  await eventually(() => montage.heading.textContent()).toBe('Siberia');
  await montage.moveUp(titles[1]!);
  expect(await montage.trackTitles()).toEqual([titles[1], titles[0], ...titles.slice(2)]);
  const intervalsBefore = await montage.intervalCount(titles[1]!);
  await montage.splitFirstInterval(titles[1]!);
  await eventually(() => montage.intervalCount(titles[1]!)).toBe(intervalsBefore + 1);
  const unknown = titles.find((t) => ['Double or Nothing', 'War', 'One Way Street', 'The Sweetest Victory'].includes(t));
  expect(unknown).toBeDefined();
  await montage.setTempo(unknown!, 120);

  // A second tab on the old version is refused, not lost
  const staleTab = new MontagePage(await owner.newPage());
  await staleTab.page.goto(page.url());
  await montage.rename('Siberia 1985');
  await eventually(() => montage.heading.textContent()).toBe('Siberia 1985');
  await staleTab.rename('Philadelphia');
  await eventually(() => staleTab.page.getByRole('alert').filter({ hasText: 'changed' }).textContent()).toMatch(/changed since you loaded it/);
  await staleTab.page.close();

  // Train: a boundary passes on the workout's own clock
  const train: TrainPage = await montage.startWorkout();
  const first = await train.currentExercise();
  await train.start();
  const leftMs = await train.countdownMs();
  expect(leftMs).toBeGreaterThan(15_000);
  // The tab is hidden (timers frozen), then shown again: the countdown kept time.
  const hiddenMs = Math.min(60_000, leftMs - 10_000);
  await train.setTabHidden(true);
  await page.clock.fastForward(hiddenMs);
  await train.setTabHidden(false);
  await eventually(() => train.countdownMs()).toBeLessThanOrEqual(leftMs - hiddenMs + 1000);
  expect(await train.countdownMs()).toBeGreaterThanOrEqual(leftMs - hiddenMs - 1000);
  await page.clock.runFor(leftMs - hiddenMs - 3000);
  expect(await train.currentExercise()).toBe(first);
  await train.pause();
  await page.clock.runFor(60_000); // paused: time does not move
  expect(await train.countdownMs()).toBeLessThanOrEqual(3000);
  await train.start();
  await page.clock.runFor(4000);
  await eventually(() => train.currentExercise()).not.toBe(first);
  expect(await train.announcement()).toMatch(/^Now: /);

  // Share, then open the link in a fresh context with no cookies
  await page.goBack();
  await page.waitForURL(/\/m\/[0-9a-f-]{36}$/);
  const shareUrl = await montage.createShareLink();
  expect(shareUrl).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
  const stranger = await browser.newContext();
  const visitor = await stranger.newPage();
  const opened = await visitor.goto(shareUrl);
  expect(opened?.status()).toBe(200);
  await eventually(() => visitor.getByRole('heading', { level: 1 }).textContent()).toBe('Siberia 1985');
  expect(await stranger.cookies()).toEqual([]);
  expect(await visitor.getByRole('button', { name: 'Rename' }).count()).toBe(0);
  await visitor.getByRole('link', { name: 'Start workout' }).click();
  await visitor.waitForURL(/\/train$/);
  const sharedTrain = new TrainPage(visitor);
  expect(await sharedTrain.currentExercise()).toBe(titles.length > 0 ? first : null);

  // Revoke: the link answers 404
  await montage.revokeShareLink();
  const afterRevoke = await visitor.goto(shareUrl);
  expect(afterRevoke?.status()).toBe(404);
  await eventually(() => visitor.getByRole('heading', { level: 1 }).textContent()).toBe('Not found');

  await stranger.close();
  await owner.close();
});
