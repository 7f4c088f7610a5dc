import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchChromium } from '../support/browser';
import { addFilesFromBrowser, LibraryPage } from './library-pages';
import { eventually } from './pages';

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

/** 55 files: "Track 01" … "Track 55" by "Band A"/"Band B", tempos 100 + 2n BPM; the last one of unknown tempo. */
const FILES = Array.from({ length: 55 }, (_, i) => ({
  title: `Track ${String(i + 1).padStart(2, '0')}`,
  artist: i % 2 === 0 ? 'Band A' : 'Band B',
  bpm: i === 54 ? null : 100 + 2 * (i + 1),
}));

describe('the library page (Debian Chromium)', () => {
  it('keeps the filter in the URL, pages through the matches and removes the selected files', async () => {
    const page = await browser.newPage();
    const library = new LibraryPage(page, server.baseUrl);
    await library.open();
    await addFilesFromBrowser(page, FILES);

    // A bookmarked view opens as it was: 160–180 with half/double time, by tempo.
    await library.open('origin=local&min=160&max=180&sort=tempo');
    expect(await library.filterForm.getByLabel('Tempo from').inputValue()).toBe('160');
    expect(await library.titles()).toEqual(['Track 30', 'Track 31', 'Track 32', 'Track 33', 'Track 34', 'Track 35', 'Track 36', 'Track 37', 'Track 38', 'Track 39', 'Track 40']);
    expect((await library.tempos())[0]).toBe('160 BPM · analysis of your file');

    // Filling the form puts the filter in the URL.
    await library.filterForm.getByLabel('Title or artist').fill('band a');
    await library.filterForm.getByRole('checkbox', { name: 'tempo unknown' }).check();
    await library.filterForm.getByLabel('Tempo from').fill('');
    await library.filterForm.getByLabel('Tempo to').fill('');
    await library.filterForm.getByRole('button', { name: 'Apply filter' }).click();
    await eventually(async () => library.params().get('q')).toBe('band a');
    expect(library.params().getAll('source')).toEqual(['unknown']);
    await eventually(() => library.titles()).toEqual(['Track 55']);
    expect(await library.tempos()).toEqual(['tempo unknown']);

    // Pages of 20, with the count of all.
    await library.open('origin=local&pageSize=20');
    expect(await library.range()).toBe('Tracks 1–20 of 55 · page 1 of 3');
    await page.getByRole('navigation', { name: 'Library pages', exact: true }).getByRole('link', { name: 'Next page' }).click();
    await eventually(() => library.range()).toBe('Tracks 21–40 of 55 · page 2 of 3');
    expect(library.params().get('page')).toBe('2');
    expect(library.params().get('pageSize')).toBe('20');
    expect((await library.titles())[0]).toBe('Track 21');

    // Bulk remove: two selected files go, the count follows.
    await library.select('Track 21');
    await library.select('Track 22');
    await page.getByRole('button', { name: 'Remove 2 selected files' }).click();
    await eventually(() => page.getByRole('status').textContent()).toBe('Removed 2 files.');
    await eventually(() => library.range()).toBe('Tracks 21–40 of 53 · page 2 of 3');
    expect(await library.titles()).not.toContain('Track 21');
    expect(await library.titles()).not.toContain('Track 22');
    await page.close();
  });
});
