import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { startAppServer, type AppServer } from '../support/app-server';
import { cspViolations, launchChromium } from '../support/browser';
import { eventually, HomePage, type MontagePage } from './pages';
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
  // The swap list's code, loaded on demand, runs under the app's CSP too.
  expect(cspViolations).toEqual([]);
});

/** Twelve timed tracks of the visitor's own, 96..151 BPM and 3:20..4:15, added as the files panel would. */
async function addOwnTracks(page: Page) {
  const status = await page.evaluate(async () => {
    const tracks = Array.from({ length: 12 }, (_, i) => ({
      title: `Own track ${String.fromCharCode(65 + i)}`,
      artist: `Band ${i % 4}`,
      durationMs: 200_000 + ((i * 7) % 12) * 5_000,
      bpm: 96 + i * 5,
    }));
    const response = await fetch('/api/tracks/local', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tracks }) });
    return response.status;
  });
  expect(status).toBe(201);
}

async function buildMontage(viewport: { width: number; height: number }, options: { colorScheme?: 'light' | 'dark'; withOwnTracks?: boolean } = {}) {
  const context = await browser.newContext({ viewport, colorScheme: options.colorScheme ?? 'light' });
  const page = await context.newPage();
  const home = new HomePage(page, server.baseUrl);
  await home.open();
  if (options.withOwnTracks ?? true) await addOwnTracks(page);
  const montage = await home.build('Rocky circuit', 20);
  return { context, page, montage };
}

function swapList(page: Page, title: string): Locator {
  return page.getByRole('list', { name: `Alternatives for ${title}, best first` });
}

/** What each offered track shows: its title, length, and tempo with its fit. */
async function offeredIn(list: Locator) {
  await list.getByRole('button').first().waitFor();
  return Promise.all(
    (await list.getByRole('button').all()).map(async (option) => {
      const [title, artistAndLength, fit] = await option.locator(':scope > span').allTextContents();
      return { title: title!, lengthSec: seconds(artistAndLength!.match(/ · (\d+:\d\d)/)![1]!), fit: fit! };
    }),
  );
}

const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

/** "3. at 7:42" → the start the entry shows, in whole seconds. */
async function startsAtSec(montage: MontagePage, title: string): Promise<number> {
  const text = (await montage.entry(title).getByText(/^\d+\. at \d+:\d\d$/).textContent()) ?? '';
  const [m, s] = text.replace(/^\d+\. at /, '').split(':').map(Number);
  return m! * 60 + s!;
}

const seconds = (mss: string) => {
  const [m, s] = mss.split(':').map(Number);
  return m! * 60 + s!;
};

/** The tempo chart's played-tempo bars, as drawn. */
const chartBars = (page: Page) =>
  page.locator('svg.tempo-chart line.tc-track').evaluateAll((lines) => lines.map((l) => ['x1', 'x2', 'y1'].map((a) => l.getAttribute(a)).join(',')).join(' '));

describe.each(SIZES)('“Swap this track” on a $name', ({ viewport }) => {
  it('lists the best replacements with their fit, swaps one, and shows the montage re-timed, re-planned and saved', async () => {
    const { context, page, montage } = await buildMontage(viewport);
    const titles = await montage.trackTitles();
    const at = 1;
    const old = titles[at]!;
    const totalBefore = seconds((await page.getByTestId('montage-total').textContent())!);
    const barsBefore = await chartBars(page);
    const nextStartBefore = await startsAtSec(montage, titles[at + 1]!);

    const swap = page.getByRole('button', { name: `Swap ${old}` });
    const box = (await swap.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.width).toBeGreaterThanOrEqual(44);
    await swap.click();
    expect(await swap.getAttribute('aria-expanded')).toBe('true');
    const list = swapList(page, old);
    await list.waitFor();
    expect(await page.getByTestId('swap-list').getByText(/^This place asks for \d+ BPM \(now \d+ BPM · (fits|\d+ % (fast|slow))\)\./).count()).toBe(1);
    const options = list.getByRole('button');
    const offered = await offeredIn(list);
    expect(offered.length).toBeGreaterThan(1);
    expect(offered.length).toBeLessThanOrEqual(10);
    // Each: title, artist · m:ss, tempo · how it fits; the best first and marked.
    for (const o of offered) expect(o.fit).toMatch(/^\d+ BPM · (fits|\d+ % (fast|slow))( · best)?$/);
    expect(offered[0]!.fit).toMatch(/ · best$/);
    expect(offered.slice(1).every((o) => !o.fit.endsWith(' · best'))).toBe(true);
    // None of them is already in the montage.
    for (const o of offered) expect(titles).not.toContain(o.title);
    for (const option of await options.all()) expect((await option.boundingBox())!.height).toBeGreaterThanOrEqual(44);

    // Choose one of another length, so the later tracks move.
    const oldLengthSec = seconds((await montage.entry(old).getByText(/ · \d+:\d\d · /).first().textContent())!.split(' · ')[1]!);
    const choiceIndex = offered.findIndex((o) => o.lengthSec !== oldLengthSec);
    expect(choiceIndex).toBeGreaterThanOrEqual(0);
    const { title: chosen, lengthSec: chosenLengthSec } = offered[choiceIndex]!;
    await options.nth(choiceIndex).click();

    // The new track is in the same place, the list is closed, and the page says what changed.
    await eventually(() => montage.trackTitles()).toEqual(titles.map((t, k) => (k === at ? chosen : t)));
    await list.waitFor({ state: 'detached' });
    const shiftSec = chosenLengthSec - oldLengthSec;
    const notice = montage.entry(chosen).getByTestId('entry-notice');
    // The notice names the track that came in, not only the one that left (issue 32, item 15).
    expect(await notice.textContent()).toContain(`“${chosen}” swapped in for “${old}”; its intervals were planned again.`);
    // Re-timed: the total and the next track's start moved by the difference in length (±1 s of rounding).
    await eventually(async () => seconds((await page.getByTestId('montage-total').textContent())!) - totalBefore - shiftSec).toSatisfy((d: number) => Math.abs(d) <= 1);
    expect(Math.abs((await startsAtSec(montage, titles[at + 1]!)) - nextStartBefore - shiftSec)).toBeLessThanOrEqual(1);
    expect(await notice.textContent()).toContain(`The montage now lasts ${await page.getByTestId('montage-total').textContent()}.`);
    // Re-planned: the new track's intervals end where it ends.
    const spans = await montage.entry(chosen).getByRole('listitem').allTextContents();
    expect(spans.length).toBeGreaterThan(0);
    expect(seconds(spans.at(-1)!.match(/^\d+:\d\d–(\d+:\d\d)/)![1]!)).toBe(chosenLengthSec);
    // The tempo chart was drawn again.
    expect(await chartBars(page)).not.toBe(barsBefore);
    // Focus is back on the entry's Swap button, now named after the new track.
    await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Swap ${chosen}`);

    // Saved: a reload shows the same.
    const barsAfter = await chartBars(page);
    await page.reload();
    expect(await montage.trackTitles()).toEqual(titles.map((t, k) => (k === at ? chosen : t)));
    expect(await chartBars(page)).toBe(barsAfter);
    await context.close();
  });

  it('works from the keyboard: Tab to Swap, Enter, Tab and ↓ to an alternative, Enter; Escape closes and gives focus back', async () => {
    const { context, page, montage } = await buildMontage(viewport);
    const titles = await montage.trackTitles();
    const old = titles[2]!;
    // Tab from the control before it reaches Swap.
    await page.getByRole('button', { name: `Tap tempo of ${old}` }).focus();
    await page.keyboard.press('Tab');
    const swap = page.getByRole('button', { name: `Swap ${old}` });
    expect(await isFocused(swap)).toBe(true);

    // Escape closes the list and leaves focus on Swap.
    await page.keyboard.press('Enter');
    const list = swapList(page, old);
    await list.waitFor();
    await page.keyboard.press('Tab');
    expect(await isFocused(list.getByRole('button').first())).toBe(true);
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'detached' });
    await eventually(() => isFocused(swap)).toBe(true);
    expect(await swap.getAttribute('aria-expanded')).toBe('false');

    // Enter, Tab to the best, ↓ to the second, Enter swaps it in.
    await page.keyboard.press('Enter');
    await list.waitFor();
    const options = list.getByRole('button');
    await options.first().waitFor();
    const second = (await offeredIn(list))[1]!.title;
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    expect(await isFocused(options.nth(1))).toBe(true);
    await page.keyboard.press('Enter');
    await eventually(async () => (await montage.trackTitles())[2]).toBe(second);
    const chosen = (await montage.trackTitles())[2]!;
    await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Swap ${chosen}`);

    // ↓ on the open Swap button enters the list too; Escape there closes it.
    await page.keyboard.press('Enter');
    const again = swapList(page, chosen);
    await again.getByRole('button').first().waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await isFocused(again.getByRole('button').first())).toBe(true);
    await page.keyboard.press('Escape');
    await again.waitFor({ state: 'detached' });
    await eventually(() => isFocused(page.getByRole('button', { name: `Swap ${chosen}` }))).toBe(true);
    await context.close();
  });

  it('refuses a swap on a version another tab changed, says so at the track, and shows the latest montage', async () => {
    const { context, page, montage } = await buildMontage(viewport);
    const titles = await montage.trackTitles();
    const old = titles[0]!;
    await page.getByRole('button', { name: `Swap ${old}` }).click();
    const list = swapList(page, old);
    await list.getByRole('button').first().waitFor();

    // Meanwhile, another tab renames the montage.
    const other = await context.newPage();
    await other.goto(page.url());
    await other.getByLabel('Montage name').fill('Renamed elsewhere');
    await other.getByRole('button', { name: 'Rename' }).click();
    await eventually(() => other.getByRole('heading', { level: 1 }).textContent()).toBe('Renamed elsewhere');

    await list.getByRole('button').first().click();
    const notice = montage.entry(old).getByRole('alert');
    await eventually(() => notice.textContent()).toBe(
      'Not swapped: this montage was changed in another tab or window. The latest version is shown now; choose again if you still want a swap.',
    );
    await eventually(() => montage.heading.textContent()).toBe('Renamed elsewhere');
    expect(await montage.trackTitles()).toEqual(titles);
    await eventually(() => isFocused(page.getByRole('button', { name: `Swap ${old}` }))).toBe(true);

    // Chosen again on the latest version, it swaps.
    await page.getByRole('button', { name: `Swap ${old}` }).click();
    const [best] = await offeredIn(swapList(page, old));
    await swapList(page, old).getByRole('button').first().click();
    await eventually(async () => (await montage.trackTitles())[0]).toBe(best!.title);
    await context.close();
  });

  it('tells a failed swap at the track and keeps the list open to try again', async () => {
    const { context, page, montage } = await buildMontage(viewport);
    const titles = await montage.trackTitles();
    const old = titles[1]!;
    await page.route('**/entries/*/swap', (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: `Swap ${old}` }).click();
    const list = swapList(page, old);
    await list.getByRole('button').first().click();
    await eventually(() => montage.entry(old).getByRole('alert').textContent()).toBe('Not swapped: Could not reach Montage. Check your connection; nothing was changed.');
    expect(await list.getByRole('button').count()).toBeGreaterThan(0);
    expect(await montage.trackTitles()).toEqual(titles);
    await context.close();
  });

  it('says so when no track can take the place (only the soundtrack, all of it placed)', async () => {
    const { context, page, montage } = await buildMontage(viewport, { withOwnTracks: false });
    const [first] = await montage.trackTitles();
    await page.getByRole('button', { name: `Swap ${first}` }).click();
    await page.getByText(/^No other track can take this place/).waitFor();
    expect(await page.getByTestId('swap-list').getByRole('listitem').count()).toBe(0);
    await context.close();
  });

  it.each(['light', 'dark'] as const)('passes axe with the swap list open in %s mode', async (colorScheme) => {
    const { context, page, montage } = await buildMontage(viewport, { colorScheme });
    const [first] = await montage.trackTitles();
    await page.getByRole('button', { name: `Swap ${first}` }).click();
    await swapList(page, first!).getByRole('button').first().waitFor();
    const result = await new AxeBuilder({ page }).analyze();
    const serious = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
    await context.close();
  });
});
