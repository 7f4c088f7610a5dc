import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchChromium } from '../support/browser';
import { eventually, HomePage, MontagePage } from './pages';
import { SIZES } from './workout-pages';

let server: AppServer;
let browser: Browser;

beforeAll(async () => {
  // Link previews need absolute URLs: the app's public address (NEXTAUTH_URL) is this server's.
  server = await startAppServer((baseUrl) => ({ NEXTAUTH_URL: baseUrl }));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const UNKNOWN = ['Double or Nothing', 'War', 'One Way Street', 'The Sweetest Victory'];

describe.each(SIZES)('a shared montage on a $name', ({ viewport }) => {
  it('shows a guest the owner’s tempo as the owner’s, and a copy keeps it (defect 7)', async () => {
    const owner = await browser.newContext({ viewport });
    const page = await owner.newPage();
    const home = new HomePage(page, server.baseUrl);
    await home.open();
    const montage = await home.build('Rocky circuit', 25);
    const unknown = (await montage.trackTitles()).find((t) => UNKNOWN.includes(t))!;
    expect(unknown).toBeDefined();
    await montage.setTempo(unknown, 123);
    const shareUrl = await montage.createShareLink();

    const guest = await browser.newContext({ viewport });
    const visitor = await guest.newPage();
    // The track list is hydrated from packed intervals: the browser must draw what the server did.
    const errors: string[] = [];
    visitor.on('pageerror', (error) => errors.push(error.message));
    visitor.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await visitor.goto(shareUrl);
    const tempo = visitor.getByRole('listitem').filter({ has: visitor.getByRole('heading', { name: unknown, exact: true }) }).getByTestId('tempo');
    expect(await tempo.textContent()).toBe('123 BPM · set by its owner');
    expect(await visitor.getByText('set by you').count()).toBe(0);

    await visitor.getByRole('button', { name: 'Copy to my montages' }).click();
    await visitor.waitForURL(/\/m\/[0-9a-f-]{36}$/);
    const copy = new MontagePage(visitor);
    await eventually(() => copy.entry(unknown).getByTestId('tempo').textContent()).toMatch(/^123 BPM · /);
    // Hydrated long before the copy (its button is the page's): no mismatch reported on either page.
    expect(errors).toEqual([]);
    await guest.close();
    await owner.close();
  });

  it('previews with the montage’s own title, Open Graph and Twitter tags and image, stays out of search indexes, and shows a QR code of the link (defect 8)', async () => {
    const owner = await browser.newContext({ viewport });
    const page = await owner.newPage();
    const home = new HomePage(page, server.baseUrl);
    await home.open();
    const montage = await home.build('HIIT', 20);
    await montage.rename('Drago must fall');
    await eventually(() => montage.heading.textContent()).toBe('Drago must fall');
    const shareUrl = await montage.createShareLink();

    // The QR code on the share panel encodes exactly the link shown.
    const qr = page.getByRole('img', { name: 'QR code of the link above' });
    await qr.waitFor();
    const expected = QRCode.create(shareUrl, { errorCorrectionLevel: 'M' }).modules;
    const drawn = await qr.locator('rect[fill="black"]').evaluateAll((rects) => rects.map((r) => `${Number(r.getAttribute('x')) - 2},${Number(r.getAttribute('y')) - 2}`));
    const dark = [...expected.data.keys()].filter((i) => expected.data[i] === 1).map((i) => `${i % expected.size},${Math.floor(i / expected.size)}`);
    expect(new Set(drawn)).toEqual(new Set(dark));

    const guest = await browser.newContext({ viewport });
    const visitor = await guest.newPage();
    await visitor.goto(shareUrl);
    expect(await visitor.title()).toBe('Drago must fall · Montage');
    const meta = (selector: string) => visitor.locator(selector).first().getAttribute('content');
    expect(await meta('meta[property="og:title"]')).toBe('Drago must fall');
    expect(await meta('meta[property="og:description"]')).toMatch(/^A Rocky IV workout: \d+ tracks · \d+:\d\d/);
    expect(await meta('meta[name="twitter:card"]')).toBe('summary_large_image');
    expect(await meta('meta[name="robots"]')).toMatch(/noindex/);
    const image = (await meta('meta[property="og:image"]'))!;
    expect(image).toBe(`${shareUrl}/og`);
    expect(await meta('meta[name="twitter:image"]')).toBe(image);
    const response = await fetch(image);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(5000);

    await visitor.getByRole('link', { name: 'Start workout' }).click();
    await visitor.waitForURL(/\/train$/);
    await eventually(() => visitor.title()).toBe('Workout: Drago must fall · Montage');
    expect(await meta('meta[name="robots"]')).toMatch(/noindex/);

    // A revoked link previews nothing.
    await montage.revokeShareLink();
    expect((await fetch(image)).status).toBe(404);
    await guest.close();
    await owner.close();
  });
});
