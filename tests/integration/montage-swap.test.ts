import { beforeAll, describe, expect, it } from 'vitest';
import * as montagesRoute from '../../app/api/montages/route';
import * as montageRoute from '../../app/api/montages/[id]/route';
import * as alternativesRoute from '../../app/api/montages/[id]/entries/[entryId]/alternatives/route';
import * as swapRoute from '../../app/api/montages/[id]/entries/[entryId]/swap/route';
import * as localRoute from '../../app/api/tracks/local/route';
import { catalogTrackId } from '../../lib/catalog/rocky-iv';
import { findCoverageProblems } from '../../lib/domain/intervals';
import { Visitor } from './api-client';

const ownTrackIds = new Map<Visitor, string[]>();

// The first request migrates the database, which can take a while on a loaded machine.
beforeAll(async () => {
  await new Visitor().call(montagesRoute.GET, 'GET');
}, 120_000);

/** A visitor's own library: 12 timed tracks of 100..155 BPM and 3:20..4:20, then a 20-minute circuit from it and the catalog. */
async function build(visitor: Visitor, body: Record<string, unknown> = { mode: 'circuit', lengthMin: 20 }) {
  const tracks = Array.from({ length: 12 }, (_, i) => ({
    title: `Own ${i}`,
    artist: `Band ${i % 4}`,
    durationMs: 200_000 + ((i * 7) % 12) * 5_000,
    bpm: 100 + i * 5,
  }));
  const added = await visitor.call(localRoute.POST, 'POST', { body: { tracks } });
  expect(added.status).toBe(201);
  ownTrackIds.set(visitor, added.body.tracks.map((t: any) => t.id));
  const created = await visitor.call(montagesRoute.POST, 'POST', { body });
  expect(created.status).toBe(201);
  return load(visitor, created.body.id);
}

async function load(visitor: Visitor, id: string) {
  const fetched = await visitor.call(montageRoute.GET, 'GET', { params: { id } });
  expect(fetched.status).toBe(200);
  return fetched.body.montage;
}

describe('alternatives for one track of a montage', () => {
  it('lists the timed tracks of the pool not in the montage, best first, at most 10, with what the editor shows', async () => {
    const visitor = new Visitor();
    const montage = await build(visitor);
    const entry = montage.entries[0];
    const result = await visitor.call(alternativesRoute.GET, 'GET', { params: { id: montage.id, entryId: entry.id } });
    expect(result.status).toBe(200);
    const { alternatives, slot } = result.body;
    // A circuit's curve is in BPM and starts with a warm-up well under its peak.
    expect(slot.unit).toBe('BPM');
    expect(slot.targetTempo).toBeGreaterThan(60);
    expect(slot.targetTempo).toBeLessThan(200);
    expect(alternatives.length).toBeGreaterThan(0);
    expect(alternatives.length).toBeLessThanOrEqual(10);
    const inMontage = new Set(montage.entries.map((e: any) => e.track.id));
    for (const a of alternatives) {
      expect(Object.keys(a).sort()).toEqual(['artist', 'bpm', 'durationMs', 'isAnchor', 'multiplier', 'score', 'tempo', 'tempoSource', 'title', 'trackId']);
      expect(a.tempo).toBeCloseTo(a.bpm * a.multiplier, 1);
      expect(a.isAnchor).toBe(a.trackId.startsWith('rocky-iv-'));
      expect(inMontage.has(a.trackId)).toBe(false);
      expect(a.bpm).toBeGreaterThan(0);
      expect(a.durationMs).toBeGreaterThanOrEqual(1_000);
      expect([0.5, 1, 2]).toContain(a.multiplier);
    }
    const scores = alternatives.map((a: any) => a.score);
    expect(scores).toEqual([...scores].sort((x: number, y: number) => x - y));
  });

  it('asks for a run’s tempo in steps/min, near the cadence chosen', async () => {
    const visitor = new Visitor();
    const montage = await build(visitor, { mode: 'run', lengthMin: 20, cadenceSpm: 170 });
    const middle = montage.entries[Math.floor(montage.entries.length / 2)];
    const { slot } = (await visitor.call(alternativesRoute.GET, 'GET', { params: { id: montage.id, entryId: middle.id } })).body;
    expect(slot.unit).toBe('spm');
    expect(Math.abs(slot.targetTempo - 170)).toBeLessThan(20);
  });

  it('answers 404 to a stranger and for an unknown entry', async () => {
    const owner = new Visitor();
    const montage = await build(owner);
    const params = { id: montage.id, entryId: montage.entries[0].id };
    const stranger = new Visitor();
    await build(stranger);
    expect((await stranger.call(alternativesRoute.GET, 'GET', { params })).status).toBe(404);
    expect((await new Visitor().call(alternativesRoute.GET, 'GET', { params })).status).toBe(404);
    const unknown = { id: montage.id, entryId: '00000000-0000-4000-8000-000000000000' };
    expect((await owner.call(alternativesRoute.GET, 'GET', { params: unknown })).status).toBe(404);
    expect((await owner.call(alternativesRoute.GET, 'GET', { params: { id: montage.id, entryId: 'nope' } })).status).toBe(404);
  });
});

describe('swapping one track of a montage', () => {
  it('puts the chosen track in place, re-times the later tracks and re-plans the swapped one', async () => {
    const visitor = new Visitor();
    const montage = await build(visitor);
    const at = 1;
    const entry = montage.entries[at];
    const { alternatives } = (await visitor.call(alternativesRoute.GET, 'GET', { params: { id: montage.id, entryId: entry.id } })).body;
    const chosen = alternatives.find((a: any) => a.durationMs !== entry.track.durationMs) ?? alternatives[0];
    const swapped = await visitor.call(swapRoute.POST, 'POST', {
      params: { id: montage.id, entryId: entry.id },
      body: { version: montage.version, trackId: chosen.trackId },
    });
    expect(swapped.status).toBe(200);
    expect(swapped.body).toEqual({ version: montage.version + 1 });
    const after = await load(visitor, montage.id);
    expect(after.version).toBe(montage.version + 1);
    expect(after.entries.map((e: any) => e.id)).toEqual(montage.entries.map((e: any) => e.id));
    const now = after.entries[at];
    expect(now.track.id).toBe(chosen.trackId);
    expect(now.multiplier).toBe(chosen.multiplier);
    expect(findCoverageProblems(now.intervals, now.track.durationMs)).toEqual([]);
    const shift = chosen.durationMs - entry.track.durationMs;
    after.entries.forEach((e: any, k: number) => {
      expect(e.startMs).toBe(montage.entries[k].startMs + (k > at ? shift : 0));
      if (k !== at) {
        expect(e.track.id).toBe(montage.entries[k].track.id);
        expect(e.intervals).toEqual(montage.entries[k].intervals);
      }
    });
    expect(after.totalMs).toBe(montage.totalMs + shift);
  });

  /** What an entry is where it stands: its track, start, tempo multiple and intervals (their row ids aside). */
  const placement = (e: any) => ({ track: e.track.id, startMs: e.startMs, multiplier: e.multiplier, intervals: e.intervals.map(({ id: _id, ...i }: any) => i) });

  it('swapping a track out and back restores the entry as the montage planned it: tempo multiple and intervals for its place', async () => {
    const visitor = new Visitor();
    const montage = await build(visitor, { mode: 'run', lengthMin: 30, cadenceSpm: 170 });
    let changedMultiple = 0;
    for (const at of [0, Math.floor(montage.entries.length / 2), montage.entries.length - 1]) {
      const before = await load(visitor, montage.id);
      const entry = before.entries[at];
      const params = { id: montage.id, entryId: entry.id };
      const { alternatives } = (await visitor.call(alternativesRoute.GET, 'GET', { params })).body;
      // Own tracks of 100..155 BPM against 170 steps/min: some play at double time, some at their own.
      const chosen = alternatives.find((a: any) => a.multiplier !== entry.multiplier) ?? alternatives[0];
      const out = await visitor.call(swapRoute.POST, 'POST', { params, body: { version: before.version, trackId: chosen.trackId } });
      expect(out.status).toBe(200);
      const swapped = (await load(visitor, montage.id)).entries[at];
      expect(swapped.multiplier).toBe(chosen.multiplier);
      if (chosen.multiplier !== entry.multiplier) changedMultiple += 1;
      const back = await visitor.call(swapRoute.POST, 'POST', { params, body: { version: out.body.version, trackId: entry.track.id } });
      expect(back.status).toBe(200);
      const restored = (await load(visitor, montage.id)).entries[at];
      expect(placement(restored), `entry ${at}`).toEqual(placement(entry));
    }
    expect(changedMultiple).toBeGreaterThan(0);
  });

  it("takes an entry's own track again (its intervals planned anew), but no track placed elsewhere", async () => {
    const visitor = new Visitor();
    const montage = await build(visitor);
    const params = { id: montage.id, entryId: montage.entries[0].id };
    const same = await visitor.call(swapRoute.POST, 'POST', { params, body: { version: montage.version, trackId: montage.entries[0].track.id } });
    expect(same.status).toBe(200);
    const elsewhere = await visitor.call(swapRoute.POST, 'POST', { params, body: { version: same.body.version, trackId: montage.entries[1].track.id } });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.error.message).toBe(`Invalid request: trackId: "${montage.entries[1].track.title}" is already in this montage.`);
  });

  it('refuses a stale version with 409 and writes nothing', async () => {
    const visitor = new Visitor();
    const montage = await build(visitor);
    const entry = montage.entries[0];
    const params = { id: montage.id, entryId: entry.id };
    const { alternatives } = (await visitor.call(alternativesRoute.GET, 'GET', { params })).body;
    const first = await visitor.call(swapRoute.POST, 'POST', { params, body: { version: montage.version, trackId: alternatives[0].trackId } });
    expect(first.status).toBe(200);
    const stale = await visitor.call(swapRoute.POST, 'POST', { params, body: { version: montage.version, trackId: entry.track.id } });
    expect(stale.status).toBe(409);
    const after = await load(visitor, montage.id);
    expect(after.version).toBe(first.body.version);
    expect(after.entries[0].track.id).toBe(alternatives[0].trackId);
  });

  it('refuses with 422 naming trackId a track outside the pool (another visitor’s own), one without a length, or one already placed', async () => {
    const visitor = new Visitor();
    const montage = await build(visitor);
    const params = { id: montage.id, entryId: montage.entries[0].id };
    const stranger = new Visitor();
    await build(stranger);
    const strangersOwn = ownTrackIds.get(stranger)![0]!;
    const unknownLength = catalogTrackId(10);
    for (const [trackId, message, problem] of [
      ['no-such-track', 'Invalid request: trackId: that track is not in your library.', 'not a track of your pool'],
      [strangersOwn, 'Invalid request: trackId: that track is not in your library.', 'not a track of your pool'],
      [unknownLength, `Invalid request: trackId: "Training Montage" has no known length, so it cannot be timed.`, 'the track has no known length'],
      [montage.entries[1].track.id, `Invalid request: trackId: "${montage.entries[1].track.title}" is already in this montage.`, 'already in this montage'],
    ]) {
      const result = await visitor.call(swapRoute.POST, 'POST', { params, body: { version: montage.version, trackId } });
      expect(result.status).toBe(422);
      expect(result.body.error.message).toBe(message);
      expect(result.body.error.problems).toEqual([{ field: 'trackId', message: problem }]);
    }
    const missing = await visitor.call(swapRoute.POST, 'POST', { params, body: { version: montage.version } });
    expect(missing.status).toBe(422);
    expect(missing.body.error.problems.map((p: any) => p.field)).toEqual(['trackId']);
    const malformed = await visitor.call(swapRoute.POST, 'POST', { params, rawBody: '{"version":' });
    expect(malformed.status).toBe(400);
    expect((await load(visitor, montage.id)).version).toBe(montage.version);
  });

  it('answers 404 to a stranger, for an unknown montage and for an unknown entry', async () => {
    const owner = new Visitor();
    const montage = await build(owner);
    const params = { id: montage.id, entryId: montage.entries[0].id };
    const stranger = new Visitor();
    const theirs = await build(stranger);
    const body = { version: montage.version, trackId: theirs.entries[0].track.id };
    expect((await stranger.call(swapRoute.POST, 'POST', { params, body })).status).toBe(404);
    expect((await owner.call(swapRoute.POST, 'POST', { params: { id: '00000000-0000-4000-8000-000000000000', entryId: params.entryId }, body })).status).toBe(404);
    expect((await owner.call(swapRoute.POST, 'POST', { params: { id: montage.id, entryId: theirs.entries[0].id }, body })).status).toBe(404);
    expect((await load(owner, montage.id)).version).toBe(montage.version);
  });
});
