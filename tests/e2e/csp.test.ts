import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Response } from 'playwright-core';
import { startAppServer, type AppServer } from '../support/app-server';
import { cspViolations, launchChromium } from '../support/browser';
import { HomePage } from './pages';

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

/** Every Content-Security-Policy the response carries (a browser enforces each of them). */
async function policies(response: Response | null): Promise<string[]> {
  return (await response!.headersArray()).filter((h) => h.name.toLowerCase() === 'content-security-policy').flatMap((h) => h.value.split(/,\s*(?=[a-z-]+ )/u));
}

function scriptSrc(policy: string): string[] {
  return policy.split('; ').find((d) => d.startsWith('script-src '))?.split(' ').slice(1) ?? [];
}

/**
 * Opens `url` as if an attacker had got markup into the page: an inline script in the HTML as served
 * (with the real response headers), then an inline event handler added to the document. Returns
 * whether either ran.
 */
async function openWithInjectedMarkup(page: Page, url: string, extraMarkup = ''): Promise<boolean> {
  await page.route(url, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('</body>', `<script>window.__injected = "parser"</script>${extraMarkup}</body>`);
    await route.fulfill({ response, body: html });
  });
  await page.goto(url);
  await page.unroute(url);
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img alt="" src="data:," onerror="window.__injected = \'handler\'" onload="window.__injected = \'handler\'">'));
  await page.waitForTimeout(300);
  return page.evaluate(() => (window as unknown as { __injected?: string }).__injected !== undefined);
}

/** Takes out of the watched list the violations this test provoked on purpose, and returns them. */
async function takeViolations(count: number): Promise<string[]> {
  for (let i = 0; i < 50 && cspViolations.length < count; i++) await new Promise((r) => setTimeout(r, 100));
  // Chromium reports each one twice (the event, and its console message), not always at once.
  await new Promise((r) => setTimeout(r, 500));
  return cspViolations.splice(0);
}

describe('the Content-Security-Policy the app runs under', () => {
  let shareUrl: string;

  it('gives the owner’s pages a fresh nonce on every script Next renders, and refuses an injected inline script', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const home = new HomePage(page, server.baseUrl);
    const response = await page.goto(`${server.baseUrl}/`);
    const [policy, ...others] = await policies(response);
    expect(others).toEqual([]);
    const sources = scriptSrc(policy!);
    expect(sources).toContain("'strict-dynamic'");
    expect(sources).not.toContain("'unsafe-inline'");
    const nonce = sources.find((s) => s.startsWith("'nonce-"))!.slice(7, -1);
    expect(nonce.length).toBeGreaterThanOrEqual(22);
    // Every script tag of the page as served carries it (those Next's chunks add later run by 'strict-dynamic').
    const tags = (await response!.text()).match(/<script\b[^>]*>/gu) ?? [];
    expect(tags.filter((tag) => !tag.includes(' src=')).length).toBeGreaterThan(0);
    expect(tags.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
    // A new one for the next request.
    const again = scriptSrc((await policies(await page.reload()))[0]!).find((s) => s.startsWith("'nonce-"));
    expect(again).not.toBe(`'nonce-${nonce}'`);

    // Even a script from this very origin: 'strict-dynamic' trusts the nonce, not the host.
    let isInjectedFileFetched = false;
    await page.route('**/injected.js', (route) => {
      isInjectedFileFetched = true;
      return route.fulfill({ contentType: 'text/javascript', body: 'window.__injected = "same-origin src"' });
    });
    expect(await openWithInjectedMarkup(page, `${server.baseUrl}/`, '<script src="/injected.js"></script>')).toBe(false);
    expect(isInjectedFileFetched).toBe(false);
    const refused = await takeViolations(3);
    expect(refused.length).toBeGreaterThanOrEqual(3);
    expect(refused.every((v) => v.includes('script-src'))).toBe(true);

    // The page itself works under it: build a montage, share it.
    await home.open();
    const montage = await home.build('HIIT', 20);
    shareUrl = await montage.createShareLink();
    await context.close();
  });

  it('serves a share page from cache with the hashes of its own inline scripts, from its first view on, and refuses an injected one', async () => {
    const guest = await browser.newContext();
    const page = await guest.newPage();
    for (const view of ['first view (rendered)', 'second view (from cache)']) {
      const response = await page.goto(shareUrl);
      expect(response!.status(), view).toBe(200);
      const all = await policies(response);
      // The proxy's policy (same origins; its 'unsafe-inline' is only a fallback) and the cached page's hash list: both apply.
      expect(all, view).toHaveLength(2);
      const hashed = all.find((p) => scriptSrc(p).some((s) => s.startsWith("'sha256-")))!;
      expect(hashed, view).toBeDefined();
      expect(scriptSrc(hashed)).not.toContain("'unsafe-inline'");
      const inlineCount = await page.evaluate(() => [...document.scripts].filter((s) => !s.src).length);
      expect(scriptSrc(hashed).filter((s) => s.startsWith("'sha256-")).length, view).toBeGreaterThan(0);
      expect(scriptSrc(hashed).filter((s) => s.startsWith("'sha256-")).length, view).toBeLessThanOrEqual(inlineCount);
      // React hydrated it: the copy button answers.
      await page.getByRole('button', { name: 'Copy to my montages' }).waitFor();
    }
    expect(await openWithInjectedMarkup(page, shareUrl)).toBe(false);
    expect((await takeViolations(2)).length).toBeGreaterThanOrEqual(2);
    // Without 'strict-dynamic' here, not even a running script can add an inline one.
    await page.goto(shareUrl);
    const ranFromScript = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__created = true';
      document.body.append(script);
      return (window as unknown as { __created?: boolean }).__created === true;
    });
    expect(ranFromScript).toBe(false);
    expect((await takeViolations(1)).length).toBeGreaterThanOrEqual(1);

    // The workout page of the link too, played from a client-side navigation and from a fresh load.
    await page.getByRole('link', { name: 'Start workout' }).click();
    await page.waitForURL(/\/train$/u);
    const train = await page.goto(page.url());
    expect((await policies(train)).some((p) => scriptSrc(p).some((s) => s.startsWith("'sha256-")))).toBe(true);
    await page.getByRole('button', { name: /start/iu }).first().waitFor();
    await guest.close();
  });

  it('serves the prerendered not-found page under the hashes of its scripts', async () => {
    const page = await (await browser.newContext()).newPage();
    const response = await page.goto(`${server.baseUrl}/no-such-page`);
    expect(response!.status()).toBe(404);
    expect((await policies(response)).some((p) => scriptSrc(p).some((s) => s.startsWith("'sha256-")))).toBe(true);
    await page.context().close();
  });
});
