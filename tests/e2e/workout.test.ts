import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchChromium } from '../support/browser';
import { eventually, HomePage, type MontagePage } from './pages';
import { installWorkoutProbes, ProbedTrainPage, SIZES } from './workout-pages';

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

/** A fresh visitor on a phone or a laptop, with the workout's clock in the test's hand. */
async function openWorkout(viewport: { width: number; height: number }, prepare?: (montage: MontagePage) => Promise<void>) {
  const context = await browser.newContext({ viewport });
  await installWorkoutProbes(context);
  const page = await context.newPage();
  await page.clock.install();
  const home = new HomePage(page, server.baseUrl);
  await home.open();
  const montage = await home.build('Rocky circuit', 20);
  await prepare?.(montage);
  await montage.startWorkout();
  return { context, train: new ProbedTrainPage(page) };
}

async function done(context: BrowserContext) {
  await context.close();
}

describe.each(SIZES)('the workout on a $name', ({ viewport }) => {
  it('Previous goes back one interval at a time while running, restarts one that has run a while, and lands on a start when paused (defect 1)', async () => {
    const { context, train } = await openWorkout(viewport);
    const first = await train.currentExercise();
    const firstFullMs = await train.countdownMs();
    await train.start();
    await train.page.clock.runFor(5000);
    await train.next();
    const second = await train.currentExercise();
    expect(second).not.toBe(first);
    await train.page.clock.runFor(1000);

    // Early in an interval: back to the start of the one before, and it stays there.
    await train.previous();
    await eventually(() => train.currentExercise()).toBe(first);
    await train.page.clock.runFor(2000);
    expect(await train.currentExercise()).toBe(first);
    expect(await train.countdownMs()).toBeGreaterThanOrEqual(firstFullMs - 3000);

    // A while into it: the same interval starts again.
    await train.page.clock.runFor(5000);
    await train.previous();
    await train.page.clock.runFor(500);
    expect(await train.currentExercise()).toBe(first);
    expect(await train.countdownMs()).toBeGreaterThanOrEqual(firstFullMs - 1000);

    // Paused two intervals in: Previous shows the whole of the interval before, not its last second.
    await train.next();
    await train.next();
    await train.pause();
    await train.previous();
    await eventually(() => train.currentExercise()).toBe(second);
    await train.page.clock.runFor(3000);
    expect(await train.currentExercise()).toBe(second);
    expect(await train.countdownMs()).toBeGreaterThan(5000);
    await done(context);
  });

  it('after a reorder, every "Next" on screen and in the voice names the interval that really comes next (defect 2)', async () => {
    const { context, train } = await openWorkout(viewport, async (montage) => {
      const titles = await montage.trackTitles();
      await montage.moveUp(titles[2]!);
      await montage.moveUp(titles[1]!);
    });
    await train.start();
    await train.pause();
    const main = train.page.getByRole('main');
    for (let step = 0; step < 40; step += 1) {
      const nextCount = await train.page.getByTestId('next-exercise').count();
      if (nextCount === 0) break;
      const shownNext = await train.nextExercise();
      const screen = (await main.innerText()).replace(/\s+/g, ' ');
      const named = [...screen.matchAll(/Next: ([^.·]+?)(?= in \d|\.|·|$)/g)].map((m) => m[1]!.trim());
      expect(named.length).toBeGreaterThan(0);
      expect(new Set(named)).toEqual(new Set([shownNext]));
      const said = (await train.spoken()).at(-1) ?? '';
      expect(said).toContain(`Next: ${shownNext}.`);
      expect(said.startsWith(`${await train.currentExercise()}.`)).toBe(true);
      await train.next();
      await eventually(() => train.currentExercise()).toBe(shownNext);
    }
    await done(context);
  });

  it('keeps the screen on for the whole workout, also after the user switched to the music app and back (defect 4)', async () => {
    const { context, train } = await openWorkout(viewport);
    await train.start();
    await eventually(() => train.probe((p) => p.wakeLocksHeld())).toBe(1);
    await train.setTabHidden(true);
    expect(await train.probe((p) => p.wakeLocksHeld())).toBe(0);
    await train.page.clock.runFor(2000);
    await train.setTabHidden(false);
    await eventually(() => train.probe((p) => p.wakeLocksHeld())).toBe(1);
    await train.pause();
    await train.page.clock.runFor(2000);
    expect(await train.probe((p) => p.wakeLocksHeld())).toBe(1);
    await done(context);
  });

  it('is readable from two metres: a countdown a quarter of the screen high, current and next at 32 px or more (defect 5)', async () => {
    const { context, train } = await openWorkout(viewport);
    const box = await train.page.getByTestId('countdown').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(viewport.height * 0.25);
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
    const px = (testId: string) => train.page.getByTestId(testId).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(await px('current-exercise')).toBeGreaterThanOrEqual(32);
    expect(await px('next-exercise')).toBeGreaterThanOrEqual(32);
    expect(await px('interval-kind')).toBeGreaterThanOrEqual(20);
    // What to do now, how long and what next are all on the first screen, with Start.
    for (const testId of ['current-exercise', 'countdown', 'next-exercise']) {
      const b = await train.page.getByTestId(testId).boundingBox();
      expect(b!.y + b!.height).toBeLessThanOrEqual(viewport.height);
    }
    await done(context);
  });

  it('counts 3-2-1 with beeps before each boundary, says "halfway" in a long interval, and buzzes when asked', async () => {
    const { context, train } = await openWorkout(viewport);
    await train.page.getByLabel('Vibrate').check();
    await train.start();
    const leftMs = await train.countdownMs();
    expect(leftMs).toBeGreaterThanOrEqual(60_000);
    await train.page.clock.runFor(leftMs / 2 + 500);
    await eventually(() => train.announcement()).toMatch(/^Halfway through /);
    expect((await train.spoken()).at(-1)).toBe('Halfway.');
    const pipsBefore = (await train.probe((p) => p.pipHz)).length;
    await train.page.clock.runFor((await train.countdownMs()) - 4500);
    expect((await train.probe((p) => p.pipHz)).length).toBe(pipsBefore);
    await train.page.clock.runFor(5000);
    const pips = (await train.probe((p) => p.pipHz)).slice(pipsBefore);
    expect(pips.length).toBe(4); // 3, 2, 1, then the boundary's own tone
    expect(new Set(pips.slice(0, 3)).size).toBe(1);
    expect(pips[3]).not.toBe(pips[0]);
    expect((await train.probe((p) => p.vibrations)).length).toBe(4);
    await done(context);
  });

  it('with spoken cues turned off, says nothing more at the boundaries that follow, and speaks again once turned back on (issue 32, item 14)', async () => {
    const { context, train } = await openWorkout(viewport);
    await train.start();
    await eventually(async () => (await train.spoken()).length).toBeGreaterThan(0);
    await train.page.getByLabel('Spoken cues').uncheck();
    const saidBefore = (await train.spoken()).length;
    const exercisesSeen = new Set([await train.currentExercise()]);
    // Through two boundaries with the clock running (halfways and the 3-2-1 on the way), and one by Next.
    for (let boundary = 0; boundary < 2; boundary += 1) {
      await train.page.clock.runFor((await train.countdownMs()) + 1500);
      exercisesSeen.add(await train.currentExercise());
    }
    const announcedBefore = await train.announcement();
    await train.next();
    await train.page.clock.runFor(500);
    await eventually(() => train.announcement()).not.toBe(announcedBefore);
    exercisesSeen.add(await train.currentExercise());
    expect(exercisesSeen.size).toBeGreaterThan(1);
    expect((await train.spoken()).slice(saidBefore)).toEqual([]);

    await train.page.getByLabel('Spoken cues').check();
    await train.page.clock.runFor((await train.countdownMs()) + 1500);
    await eventually(async () => (await train.spoken()).length).toBeGreaterThan(saidBefore);
    await done(context);
  });

  it('ends on a summary of the session with a way to Progress, and Previous off (issue 32, item 13)', async () => {
    const { context, train } = await openWorkout(viewport);
    await train.start();
    // Straight through: Next to the last interval, then the clock runs it out.
    const complete = train.page.getByText('Workout complete. Drago!');
    for (let presses = 0; presses < 80 && (await train.page.getByRole('button', { name: 'Next interval' }).isEnabled()); presses += 1) {
      const remainingMs = await train.countdownMs();
      const before = await train.announcement();
      await train.next();
      await eventually(async () => (await complete.isVisible()) || (await train.announcement()) !== before || (await train.countdownMs()) !== remainingMs).toBe(true);
      if (await complete.isVisible()) break;
      if ((await train.page.getByTestId('next-exercise').count()) === 0) {
        await train.page.clock.runFor((await train.countdownMs()) + 1500);
        break;
      }
    }
    await complete.waitFor();
    await eventually(() => train.page.getByTestId('session-summary').textContent()).toMatch(/^\d+ of \d+ work intervals done · \d+:\d\d active · (no pause|\d+ pauses?)$/);
    expect(await train.page.getByRole('link', { name: 'See it in Progress' }).getAttribute('href')).toBe('/progress');
    expect(await train.page.getByRole('button', { name: 'Previous interval' }).isDisabled()).toBe(true);
    await done(context);
  });

  it('answers Space, ← → and V, and the lock screen / headphone buttons, and shows "now playing" there', async () => {
    const { context, train } = await openWorkout(viewport);
    const first = await train.currentExercise();
    // The page is shown (rendered on the server) a moment before its shortcuts listen; a Space pressed in
    // that moment does nothing (CI saw it once on a loaded machine), and a person presses it again.
    const pause = train.page.getByRole('button', { name: 'Pause' });
    for (let press = 0; press < 3 && !(await train.isRunning()); press += 1) {
      await train.page.keyboard.press('Space');
      await pause.waitFor({ timeout: 3_000 }).catch(() => undefined);
    }
    await eventually(() => train.isRunning()).toBe(true);
    await train.page.keyboard.press('ArrowRight');
    await eventually(() => train.currentExercise()).not.toBe(first);
    const second = await train.currentExercise();
    await train.page.keyboard.press('ArrowLeft');
    await eventually(() => train.currentExercise()).toBe(first);
    await train.page.keyboard.press('v');
    expect(await train.page.getByLabel('Spoken cues').isChecked()).toBe(false);
    await train.page.keyboard.press('Space');
    await eventually(() => train.isRunning()).toBe(false);

    const metadata = () => train.page.evaluate(() => ({ title: navigator.mediaSession.metadata?.title, album: navigator.mediaSession.metadata?.album }));
    expect((await metadata()).title).toBe(first);
    expect((await metadata()).album).toBe(await train.page.getByRole('heading', { level: 1 }).textContent());
    await train.mediaAction('play');
    await eventually(() => train.isRunning()).toBe(true);
    await train.mediaAction('nexttrack');
    await eventually(() => train.currentExercise()).toBe(second);
    await eventually(async () => (await metadata()).title).toBe(second);
    await train.mediaAction('previoustrack');
    await eventually(() => train.currentExercise()).toBe(first);
    await train.mediaAction('pause');
    await eventually(() => train.isRunning()).toBe(false);
    await done(context);
  });
});
