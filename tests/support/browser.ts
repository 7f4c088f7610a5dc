import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/**
 * Every Content-Security-Policy violation any page reported (the `securitypolicyviolation` event,
 * and Chromium's own console errors for what has no event, such as frame-ancestors). The e2e
 * journeys assert it stays empty: the app really runs under its CSP.
 */
export const cspViolations: string[] = [];

async function watchCsp(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} on ${event.documentURI}`);
    });
  });
  context.on('console', (message) => {
    const text = message.text();
    if (text.startsWith('CSP violation:') || text.includes('Content Security Policy')) cspViolations.push(text);
  });
}

/** Debian's Chromium, headless, with the flags this closed network needs; every context watched for CSP violations. */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await watchCsp(context);
    return context;
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    await watchCsp(page.context());
    return page;
  };
  return browser;
}
