import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchChromium } from '../support/browser';
import { eventually, HomePage } from './pages';

/**
 * The built app as most people run it: no environment at all (no NEXTAUTH_URL, no Spotify app),
 * served on 127.0.0.1. What a friend opening a link and a listener on the workout page meet
 * (issue 32, items 3, 5 and 6).
 */
let server: AppServer;
let browser: Browser;

beforeAll(async () => {
  server = await startAppServer({});
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * Whether robots.txt lets `userAgent` fetch `path`, as Google's and the RFC 9309 rules read it:
 * the group naming the agent (else `*`), the longest matching rule, Allow on a tie.
 */
function isAllowedByRobots(robotsTxt: string, userAgent: string, path: string): boolean {
  const groups: { agents: string[]; rules: { allow: boolean; prefix: string }[] }[] = [];
  let isReadingAgents = false;
  for (const raw of robotsTxt.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    const match = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, field, value] = match as unknown as [string, string, string];
    if (field.toLowerCase() === 'user-agent') {
      if (!isReadingAgents) groups.push({ agents: [], rules: [] });
      groups.at(-1)!.agents.push(value.toLowerCase());
      isReadingAgents = true;
    } else if (/^(allow|disallow)$/i.test(field) && groups.length > 0) {
      isReadingAgents = false;
      if (value !== '') groups.at(-1)!.rules.push({ allow: field.toLowerCase() === 'allow', prefix: value });
    }
  }
  const agent = userAgent.toLowerCase();
  const named = groups.filter((g) => g.agents.some((a) => a !== '*' && agent.includes(a)));
  const rules = (named.length > 0 ? named : groups.filter((g) => g.agents.includes('*'))).flatMap((g) => g.rules);
  const matching = rules.filter((r) => path.startsWith(r.prefix)).sort((a, b) => b.prefix.length - a.prefix.length || Number(b.allow) - Number(a.allow));
  return matching[0]?.allow ?? true;
}

describe('a shared link on a server with no configured address', () => {
  it('previews with absolute addresses on the host it is served at, and preview bots may fetch it (search engines kept out by noindex)', async () => {
    const page = await (await browser.newContext()).newPage();
    const home = new HomePage(page, server.baseUrl);
    await home.open();
    const montage = await home.build('Rocky circuit', 20);
    const shareUrl = await montage.createShareLink();
    expect(shareUrl.startsWith(`${server.baseUrl}/s/`)).toBe(true);

    const html = await (await fetch(shareUrl)).text();
    const meta = (property: string) => new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)"`).exec(html)?.[1];
    expect(meta('og:url')).toBe(shareUrl);
    expect(meta('og:image')).toBe(`${shareUrl}/og`);
    expect(meta('twitter:image')).toBe(`${shareUrl}/og`);
    expect(meta('robots')).toMatch(/noindex/);
    expect((await fetch(meta('og:image')!)).headers.get('content-type')).toBe('image/png');

    const robots = await (await fetch(`${server.baseUrl}/robots.txt`)).text();
    const sharePath = new URL(shareUrl).pathname;
    for (const bot of ['facebookexternalhit/1.1', 'Twitterbot/1.0', 'Slackbot-LinkExpanding 1.0', 'Discordbot/2.0', 'WhatsApp/2.23', 'Googlebot/2.1']) {
      expect({ bot, path: sharePath, isAllowed: isAllowedByRobots(robots, bot, sharePath) }).toEqual({ bot, path: sharePath, isAllowed: true });
      expect({ bot, path: `${sharePath}/og`, isAllowed: isAllowedByRobots(robots, bot, `${sharePath}/og`) }).toEqual({ bot, path: `${sharePath}/og`, isAllowed: true });
    }
    // Private pages and the API stay closed to every crawler.
    expect(isAllowedByRobots(robots, 'Googlebot/2.1', `/m/${montage.page.url().split('/').pop()}`)).toBe(false);
    expect(isAllowedByRobots(robots, 'facebookexternalhit/1.1', '/api/montages')).toBe(false);
    await page.context().close();
  });

  it('asks before revoking, since a new link would be a new address: a slip leaves the link working', async () => {
    const page = await (await browser.newContext()).newPage();
    const home = new HomePage(page, server.baseUrl);
    await home.open();
    const montage = await home.build('HIIT', 20);
    const shareUrl = await montage.createShareLink();

    await page.getByRole('button', { name: 'Revoke link' }).click();
    const question = page.getByRole('group', { name: 'Confirm revoking the link' });
    await question.getByText(/stops opening for everyone/).waitFor();
    expect((await fetch(shareUrl)).status).toBe(200);
    await question.getByRole('button', { name: 'Keep the link' }).click();
    expect(await page.getByLabel('Share link').inputValue()).toBe(shareUrl);
    expect((await fetch(shareUrl)).status).toBe(200);

    await page.getByRole('button', { name: 'Revoke link' }).click();
    await question.getByRole('button', { name: 'Yes, revoke it' }).click();
    await page.getByRole('button', { name: 'Create share link' }).waitFor();
    await eventually(async () => (await fetch(shareUrl)).status).toBe(404);
    await page.context().close();
  });
});

describe('the workout page on a server without Spotify', () => {
  it('plays the soundtrack in Spotify’s player but offers no "Follow my Spotify app" that could only dead-end', async () => {
    const page = await (await browser.newContext()).newPage();
    const home = new HomePage(page, server.baseUrl);
    await home.open();
    const montage = await home.build('Rocky circuit', 20);
    await montage.startWorkout();
    await page.getByRole('region', { name: 'Spotify player' }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Follow my Spotify app' }).count()).toBe(0);
    expect(await page.getByText('Connect Spotify first').count()).toBe(0);
    await page.context().close();
  });
});
