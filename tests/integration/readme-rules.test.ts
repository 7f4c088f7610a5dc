import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as montagesRoute from '../../app/api/montages/route';
import * as montageRoute from '../../app/api/montages/[id]/route';
import * as orderRoute from '../../app/api/montages/[id]/order/route';
import * as intervalsRoute from '../../app/api/montages/[id]/entries/[entryId]/intervals/route';
import * as shareRoute from '../../app/api/montages/[id]/share/route';
import * as sharedRoute from '../../app/api/share/[token]/route';
import * as localRoute from '../../app/api/tracks/local/route';
import * as tempoRoute from '../../app/api/tracks/[trackId]/tempo/route';
import MontagePage from '../../app/m/[id]/page';
import SharedMontagePage from '../../app/s/[token]/page';
import { getDb } from '../../db/client';
import { intervals, montageEntries, montages, trackTempos } from '../../db/schema';
import { Visitor } from './api-client';

/**
 * The README's rules on the edges a slip would pass unseen: a save against an older version, a
 * plan that runs past the end of its track, another owner's ids, and a shared page after a change.
 */

// Pages read the owner cookie through next/headers; here it is the cookie of the visitor opening the page.
const pageCookie = vi.hoisted(() => ({ value: null as string | null }));
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => {
      const [cookieName, value] = (pageCookie.value ?? '').split('=');
      return cookieName === name && value ? { name, value } : undefined;
    },
  }),
}));
beforeEach(() => {
  pageCookie.value = null;
});

async function build(visitor: Visitor, lengthMin = 20) {
  const created = await visitor.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin } });
  expect(created.status).toBe(201);
  return (await visitor.call(montageRoute.GET, 'GET', { params: { id: created.body.id } })).body.montage;
}

async function current(visitor: Visitor, id: string) {
  return (await visitor.call(montageRoute.GET, 'GET', { params: { id } })).body.montage;
}

function split(total: number, restMs: number, exercise = 'Sled pull') {
  return [
    { offsetMs: 0, durationMs: total - restMs, kind: 'work', exercise, intensity: 'max', cue: 'Dig in!' },
    { offsetMs: total - restMs, durationMs: restMs, kind: 'rest', exercise: 'Rest', intensity: 'rest', cue: '' },
  ];
}

/** Every string in a rendered element tree (text and props handed to components), cycles skipped. */
function stringsOf(node: unknown, seen = new WeakSet<object>()): string[] {
  if (typeof node === 'string') return [node];
  if (typeof node === 'number') return [String(node)];
  if (node === null || typeof node !== 'object' || seen.has(node)) return [];
  seen.add(node);
  return Object.entries(node).flatMap(([key, value]) => (key.startsWith('_') ? [] : stringsOf(value, seen)));
}

/** Runs a page (a server component) the way Next does, as `cookie`'s visitor: the text it renders, or 404. */
async function openPage(render: () => Promise<unknown>, cookie: string | null): Promise<{ status: 200; text: string } | { status: 404 }> {
  pageCookie.value = cookie;
  try {
    const tree = await render();
    return { status: 200, text: stringsOf(tree).join('\n') };
  } catch (error) {
    if ((error as { digest?: string }).digest === 'NEXT_HTTP_ERROR_FALLBACK;404') return { status: 404 };
    throw error;
  }
}

describe('a save against an older version is refused with 409 and nothing written', () => {
  it('a reorder sent with the version before a rename', async () => {
    const visitor = new Visitor();
    const montage = await build(visitor);
    const params = { id: montage.id };
    const renamed = await visitor.call(montageRoute.PATCH, 'PATCH', { params, body: { version: montage.version, name: 'Siberia' } });
    expect(renamed.status).toBe(200);
    const reversed = montage.entries.map((e: any) => e.id).reverse();
    const stale = await visitor.call(orderRoute.PUT, 'PUT', { params, body: { version: montage.version, entryIds: reversed } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    const after = await current(visitor, montage.id);
    expect(after.entries.map((e: any) => e.id)).toEqual(montage.entries.map((e: any) => e.id));
    expect(after.version).toBe(renamed.body.version);
  });

  it('an interval edit sent with the version before a reorder', async () => {
    const visitor = new Visitor();
    const montage = await build(visitor);
    const entry = montage.entries[0];
    const reversed = montage.entries.map((e: any) => e.id).reverse();
    const reordered = await visitor.call(orderRoute.PUT, 'PUT', { params: { id: montage.id }, body: { version: montage.version, entryIds: reversed } });
    expect(reordered.status).toBe(200);
    const stale = await visitor.call(intervalsRoute.PUT, 'PUT', {
      params: { id: montage.id, entryId: entry.id },
      body: { version: montage.version, intervals: split(entry.track.durationMs, 30_000) },
    });
    expect(stale.status).toBe(409);
    const after = await current(visitor, montage.id);
    expect(after.entries.find((e: any) => e.id === entry.id).intervals).toEqual(entry.intervals);
    expect(after.version).toBe(reordered.body.version);
  });

  it('a second interval edit from a tab that did not see the first', async () => {
    const visitor = new Visitor();
    const montage = await build(visitor);
    const entry = montage.entries[1];
    const params = { id: montage.id, entryId: entry.id };
    const first = await visitor.call(intervalsRoute.PUT, 'PUT', { params, body: { version: montage.version, intervals: split(entry.track.durationMs, 30_000, 'Log carry') } });
    expect(first.status).toBe(200);
    const second = await visitor.call(intervalsRoute.PUT, 'PUT', { params, body: { version: montage.version, intervals: split(entry.track.durationMs, 20_000, 'Sit-ups') } });
    expect(second.status).toBe(409);
    const after = await current(visitor, montage.id);
    expect(after.entries[1].intervals.map((i: any) => i.exercise)).toEqual(['Log carry', 'Rest']);
  });
});

describe('intervals must end exactly where the track ends', () => {
  it('refuses a plan that runs past the end of the track, naming it, and keeps the old plan', async () => {
    const visitor = new Visitor();
    const montage = await build(visitor);
    const entry = montage.entries[0];
    const total = entry.track.durationMs;
    const tooLong = split(total, 30_000);
    tooLong[1]!.durationMs += 1_000;
    const result = await visitor.call(intervalsRoute.PUT, 'PUT', { params: { id: montage.id, entryId: entry.id }, body: { version: montage.version, intervals: tooLong } });
    expect(result.status).toBe(422);
    expect(result.body.error.problems).toEqual([{ field: 'intervals', message: expect.stringContaining('0:01 too long; they must cover it exactly') }]);
    const after = await current(visitor, montage.id);
    expect(after.entries[0].intervals).toEqual(entry.intervals);
    expect(after.version).toBe(montage.version);
  });

  it('takes 60 intervals on one track and refuses 61', async () => {
    const visitor = new Visitor();
    const montage = await build(visitor);
    const entry = montage.entries[0];
    const total: number = entry.track.durationMs;
    const plan = (count: number) => {
      const each = Math.floor(total / count);
      return Array.from({ length: count }, (_, i) => ({
        offsetMs: i * each,
        durationMs: i === count - 1 ? total - i * each : each,
        kind: i % 2 === 0 ? 'work' : 'rest',
        exercise: `Move ${i + 1}`,
        intensity: i % 2 === 0 ? 'hard' : 'rest',
        cue: '',
      }));
    };
    const params = { id: montage.id, entryId: entry.id };
    const sixty = await visitor.call(intervalsRoute.PUT, 'PUT', { params, body: { version: montage.version, intervals: plan(60) } });
    expect(sixty.status).toBe(200);
    const sixtyOne = await visitor.call(intervalsRoute.PUT, 'PUT', { params, body: { version: sixty.body.version, intervals: plan(61) } });
    expect(sixtyOne.status).toBe(422);
    expect(sixtyOne.body.error.problems.map((p: any) => p.field)).toContain('intervals');
    expect((await current(visitor, montage.id)).entries[0].intervals).toHaveLength(60);
  });
});

describe("another owner's ids are 404, and nothing is written", () => {
  it("refuses a tempo on another owner's local track", async () => {
    const owner = new Visitor();
    const added = await owner.call(localRoute.POST, 'POST', {
      body: { tracks: [{ title: 'Hearts on Fire (demo)', artist: 'Me', durationMs: 200_000, bpm: null, fileSha256: 'f'.repeat(64) }] },
    });
    expect(added.status).toBe(201);
    const trackId: string = added.body.tracks[0].id;
    const db = await getDb();
    const before = await db.select().from(trackTempos).where(eq(trackTempos.trackId, trackId));
    const stranger = new Visitor();
    const result = await stranger.call(tempoRoute.PUT, 'PUT', { params: { trackId }, body: { bpm: 120, previousBpm: null } });
    expect(result.status).toBe(404);
    expect(await db.select().from(trackTempos).where(eq(trackTempos.trackId, trackId))).toEqual(before);
    // The owner still can.
    expect((await owner.call(tempoRoute.PUT, 'PUT', { params: { trackId }, body: { bpm: 120, previousBpm: null } })).status).toBe(200);
  });

  it("refuses a reorder or an interval edit on another owner's montage", async () => {
    const owner = new Visitor();
    const montage = await build(owner);
    const stranger = new Visitor();
    await build(stranger);
    const reversed = montage.entries.map((e: any) => e.id).reverse();
    const reorder = await stranger.call(orderRoute.PUT, 'PUT', { params: { id: montage.id }, body: { version: montage.version, entryIds: reversed } });
    expect(reorder.status).toBe(404);
    const entry = montage.entries[0];
    const edit = await stranger.call(intervalsRoute.PUT, 'PUT', {
      params: { id: montage.id, entryId: entry.id },
      body: { version: montage.version, intervals: split(entry.track.durationMs, 30_000) },
    });
    expect(edit.status).toBe(404);
    const db = await getDb();
    const [row] = await db.select().from(montages).where(eq(montages.id, montage.id));
    expect(row!.version).toBe(montage.version);
    const entryRows = await db.select().from(montageEntries).where(eq(montageEntries.montageId, montage.id));
    expect(entryRows.sort((a, b) => a.position - b.position).map((e) => e.id)).toEqual(montage.entries.map((e: any) => e.id));
    const intervalRows = await db.select().from(intervals).where(eq(intervals.entryId, entry.id));
    expect(intervalRows.map((i) => i.exercise).sort()).toEqual(entry.intervals.map((i: any) => i.exercise).sort());
  });

  it('shows a stranger the 404 page for /m/:id, and the owner the montage', async () => {
    const owner = new Visitor();
    const montage = await build(owner);
    const stranger = new Visitor();
    await build(stranger);
    const params = Promise.resolve({ id: montage.id });
    const forOwner = await openPage(() => MontagePage({ params }), owner.cookie);
    expect(forOwner.status).toBe(200);
    expect(forOwner.status === 200 && forOwner.text).toContain(montage.name);
    expect((await openPage(() => MontagePage({ params }), stranger.cookie)).status).toBe(404);
    expect((await openPage(() => MontagePage({ params }), null)).status).toBe(404);
  });
});

describe('the shared page shows the montage as it is now', () => {
  async function sharedMontage() {
    const owner = new Visitor();
    const montage = await build(owner);
    const { token } = (await owner.call(shareRoute.POST, 'POST', { params: { id: montage.id } })).body;
    const viewer = new Visitor();
    // Seen once, before the change.
    expect((await viewer.call(sharedRoute.GET, 'GET', { params: { token } })).status).toBe(200);
    expect((await openPage(() => SharedMontagePage({ params: Promise.resolve({ token }) }), null)).status).toBe(200);
    return { owner, montage, token, viewer };
  }

  it('answers 404 at /api/share/:token and /s/:token once the montage is deleted', async () => {
    const { owner, montage, token, viewer } = await sharedMontage();
    expect((await owner.call(montageRoute.DELETE, 'DELETE', { params: { id: montage.id } })).status).toBe(200);
    expect((await viewer.call(sharedRoute.GET, 'GET', { params: { token } })).status).toBe(404);
    expect((await openPage(() => SharedMontagePage({ params: Promise.resolve({ token }) }), null)).status).toBe(404);
  });

  it('shows an interval edit at /api/share/:token and /s/:token on the next view', async () => {
    const { owner, montage, token, viewer } = await sharedMontage();
    const entry = montage.entries[0];
    const edited = await owner.call(intervalsRoute.PUT, 'PUT', {
      params: { id: montage.id, entryId: entry.id },
      body: { version: montage.version, intervals: split(entry.track.durationMs, 25_000, 'Tractor tire flip') },
    });
    expect(edited.status).toBe(200);
    const shared = await viewer.call(sharedRoute.GET, 'GET', { params: { token } });
    expect(shared.body.montage.entries[0].intervals.map((i: any) => [i.exercise, i.durationMs])).toEqual([
      ['Tractor tire flip', entry.track.durationMs - 25_000],
      ['Rest', 25_000],
    ]);
    const page = await openPage(() => SharedMontagePage({ params: Promise.resolve({ token }) }), null);
    expect(page.status === 200 && page.text).toContain('Tractor tire flip');
  });
});
