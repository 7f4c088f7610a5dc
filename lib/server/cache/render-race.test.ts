import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nodeFs } from 'next/dist/server/lib/node-fs-methods.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createRenderStarts } from './render-starts.mjs';

/**
 * A revoke that races a render of the shared page (issue 31, item 1): the render read the link
 * while it was active, the revoke committed and expired the link's tags, then the render was
 * stored. Next dates an entry from its storing, so that page looked fresher than the revoke and was
 * served for good. Here the cache Next is given without Redis (cache-handler.mjs: the file-system
 * cache of one process, embedded or on PostgreSQL) goes through that order of events; the Redis
 * cache's is in tests/integration/redis-page-cache.test.ts.
 */
const serverDistDir = mkdtempSync(path.join(tmpdir(), 'montage-render-race-'));
afterAll(() => rmSync(serverDistDir, { recursive: true, force: true }));

async function aCache() {
  const { default: Cache } = await import('../../../cache-handler.mjs');
  return new Cache({ fs: nodeFs, serverDistDir, flushToDisk: true, maxMemoryCacheSize: 10_000_000, revalidatedTags: [] });
}

const pageOf = (token: string) => ({
  key: `/s/${token}`,
  get: { kind: 'APP_PAGE', isRoutePPREnabled: false, isFallback: false },
  value: {
    kind: 'APP_PAGE',
    html: `<h1>${token}</h1>`,
    rscData: Buffer.from(token),
    headers: { 'x-next-cache-tags': `_N_T_/layout,_N_T_/s/[token]/page,_N_T_/s/${token}` },
    status: 200,
    postponed: undefined,
    segmentData: undefined,
  },
  set: { cacheControl: { revalidate: false, expire: undefined }, isRoutePPREnabled: false, isFallback: false },
  expiredBy: [`_N_T_/s/${token}`, `share:${token}`],
});
const dataOf = (token: string) => ({
  key: `shared-montage-${token}`,
  get: { kind: 'FETCH', tags: [`share:${token}`], softTags: [`_N_T_/api/share/${token}`] },
  value: { kind: 'FETCH', data: { headers: {}, body: JSON.stringify({ name: token }), status: 200, url: '' }, revalidate: false, tags: [`share:${token}`] },
  set: { fetchCache: true, tags: [`share:${token}`], revalidate: false },
  expiredBy: [`_N_T_/api/share/${token}`, `share:${token}`],
});

describe('a render racing a revoke, in the cache of one process (no Redis)', () => {
  for (const [what, entryOf] of [
    ['the shared page', pageOf],
    ['the shared montage’s data (/api/share/:token)', dataOf],
  ] as const) {
    it(`${what}: begun before the revoke and stored after it, it is never served; rendered after it, it is`, async () => {
      const cache = await aCache();
      const { key, get, value, set, expiredBy } = entryOf(`race-${what.length}`);
      expect(await cache.get(key, get)).toBeNull(); // the miss that starts the render (it reads the link: active)
      await new Promise((r) => setTimeout(r, 5));
      await cache.revalidateTag(expiredBy); // the revoke commits and expires the link's tags
      await new Promise((r) => setTimeout(r, 5));
      await cache.set(key, value, set); // the render, finished, is stored
      expect(await cache.get(key, get)).toBeNull();
      expect(await cache.get(key, get)).toBeNull();

      // A render begun after the expiry (an edit, not a revoke) is stored and served.
      await cache.set(key, value, set);
      expect(await cache.get(key, get)).not.toBeNull();
    });
  }

  it('the app’s expiry reaches this process’s cache before it answers (Next’s own runs after the response)', async () => {
    const cache = await aCache();
    const { key, get, value, set } = pageOf('hook');
    expect(await cache.get(key, get)).toBeNull();
    await cache.set(key, value, set);
    expect(await cache.get(key, get)).not.toBeNull();
    await (globalThis as { montageExpireTagsHere?: (tags: string[]) => Promise<void> }).montageExpireTagsHere?.(['share:hook']);
    expect(await cache.get(key, get)).not.toBeNull(); // the page's tags are path tags: share:hook is the data's
    await (globalThis as { montageExpireTagsHere?: (tags: string[]) => Promise<void> }).montageExpireTagsHere?.(['_N_T_/s/hook']);
    expect(await cache.get(key, get)).toBeNull();
  });
});

describe('render dates', () => {
  it('date a render from the earliest miss since the key was served, once; unknown renders are dated 0', () => {
    let now = 1000;
    const starts = createRenderStarts({ now: () => now, maxKeys: 2 });
    starts.missed('/s/a');
    now = 2000;
    starts.missed('/s/a');
    expect(starts.takeRenderDate('/s/a')).toBe(999);
    expect(starts.takeRenderDate('/s/a')).toBe(0);
    starts.missed('/s/b');
    starts.served('/s/b');
    expect(starts.takeRenderDate('/s/b')).toBe(0);
    for (const key of ['/s/c', '/s/d', '/s/e']) starts.missed(key);
    expect(starts.takeRenderDate('/s/c')).toBe(0); // forgotten: more keys than it keeps
    expect(starts.takeRenderDate('/s/e')).toBe(1999);
  });
});
