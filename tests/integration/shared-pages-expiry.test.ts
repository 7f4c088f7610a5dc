import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as montagesRoute from '../../app/api/montages/route';
import * as montageRoute from '../../app/api/montages/[id]/route';
import * as orderRoute from '../../app/api/montages/[id]/order/route';
import * as shareRoute from '../../app/api/montages/[id]/share/route';
import * as tempoRoute from '../../app/api/tracks/[trackId]/tempo/route';
import { getDb } from '../../db/client';
import { listActiveShareTokens } from '../../db/queries/shares';
import { Visitor } from './api-client';

/**
 * Which shared pages a change expires: the README's rule is that a shared page shows the montage as
 * it is now. Handlers called in-process run outside Next, where there is no cache to expire (the
 * pages' real caching across processes is tested in tests/e2e/shared-pages-processes.test.ts); here
 * Next's expiry functions are recorded, so a change that forgets a link, expires another montage's,
 * or a path short of the three a link has, fails.
 */
const expired = vi.hoisted(() => ({ paths: [] as string[], tags: [] as [string, unknown][] }));
vi.mock('next/cache', () => ({
  revalidatePath: (pathname: string) => void expired.paths.push(pathname),
  revalidateTag: (tag: string, profile: unknown) => void expired.tags.push([tag, profile]),
  unstable_cache: (read: () => Promise<unknown>) => read,
}));
// Opening the database (migrations, the catalog) may take longer than one test on a loaded machine.
beforeAll(async () => {
  await getDb();
}, 120_000);
beforeEach(() => {
  expired.paths.length = 0;
  expired.tags.length = 0;
});

async function sharedMontage(owner: Visitor) {
  const created = await owner.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 } });
  expect(created.status).toBe(201);
  const montage = (await owner.call(montageRoute.GET, 'GET', { params: { id: created.body.id } })).body.montage;
  const shared = await owner.call(shareRoute.POST, 'POST', { params: { id: montage.id } });
  expect(shared.status).toBe(201);
  return { montage, token: shared.body.token as string };
}

const pagesOf = (token: string) => [`/s/${token}`, `/s/${token}/train`, `/api/share/${token}`];
const expiredTokens = () => expired.tags.map(([tag]) => tag.replace(/^share:/, '')).sort();

describe('a change expires the shared pages of the links it alters, and only those', () => {
  it('a montage edit: its own link, every page and the data-cache tag, at once', async () => {
    const owner = new Visitor();
    const { montage, token } = await sharedMontage(owner);
    await sharedMontage(owner); // the owner's other montage: its page does not change
    const renamed = await owner.call(montageRoute.PATCH, 'PATCH', { params: { id: montage.id }, body: { version: montage.version, name: 'Siberia' } });
    expect(renamed.status).toBe(200);
    expect(expired.paths).toEqual(pagesOf(token));
    expect(expired.tags).toEqual([[`share:${token}`, { expire: 0 }]]);

    expired.paths.length = 0;
    expired.tags.length = 0;
    const reversed = [...montage.entries].reverse().map((e: any) => e.id);
    expect((await owner.call(orderRoute.PUT, 'PUT', { params: { id: montage.id }, body: { version: renamed.body.version, entryIds: reversed } })).status).toBe(200);
    expect(expired.paths).toEqual(pagesOf(token));
  });

  it('a tempo the owner sets: the links of every montage of theirs, not a revoked one, not another owner’s', async () => {
    const owner = new Visitor();
    const first = await sharedMontage(owner);
    const second = await sharedMontage(owner);
    const revoked = await sharedMontage(owner);
    expect((await owner.call(shareRoute.DELETE, 'DELETE', { params: { id: revoked.montage.id } })).body.revoked).toBe(1);
    const stranger = new Visitor();
    await sharedMontage(stranger);

    expired.paths.length = 0;
    expired.tags.length = 0;
    const track = first.montage.entries[0].track;
    const set = await owner.call(tempoRoute.PUT, 'PUT', { params: { trackId: track.id }, body: { bpm: 128, previousBpm: track.bpm } });
    expect(set.status).toBe(200);
    expect(expiredTokens()).toEqual([first.token, second.token].sort());
    expect(expired.paths.sort()).toEqual([...pagesOf(first.token), ...pagesOf(second.token)].sort());
  });

  it('a revoke or a delete: the link that was active before the change', async () => {
    const owner = new Visitor();
    const { montage, token } = await sharedMontage(owner);
    expect((await owner.call(shareRoute.DELETE, 'DELETE', { params: { id: montage.id } })).status).toBe(200);
    expect(expiredTokens()).toEqual([token]);

    const other = await sharedMontage(owner);
    expired.tags.length = 0;
    expect((await owner.call(montageRoute.DELETE, 'DELETE', { params: { id: other.montage.id } })).status).toBe(200);
    expect(expiredTokens()).toEqual([other.token]);
  });

  it('a tempo found for everyone (a lookup): every active link, revoked ones left out', async () => {
    const a = await sharedMontage(new Visitor());
    const owner = new Visitor();
    const b = await sharedMontage(owner);
    const gone = await sharedMontage(owner);
    await owner.call(shareRoute.DELETE, 'DELETE', { params: { id: gone.montage.id } });
    const all = await listActiveShareTokens(await getDb(), 'all');
    expect(all).toEqual(expect.arrayContaining([a.token, b.token]));
    expect(all).not.toContain(gone.token);
  });
});
