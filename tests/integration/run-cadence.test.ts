import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as filtersRoute from '../../app/api/library/filters/route';
import * as localRoute from '../../app/api/tracks/local/route';
import * as montagesRoute from '../../app/api/montages/route';
import * as montageRoute from '../../app/api/montages/[id]/route';
import * as alternativesRoute from '../../app/api/montages/[id]/entries/[entryId]/alternatives/route';
import { placedTrackFit, targetTempoOfSpan } from '../../lib/domain/curve-fit';
import { runCadencePart } from '../../lib/domain/curves';
import { leftOutLabel } from '../../lib/domain/soundtrack-share';
import { tempoFit } from '../../lib/domain/tempo-fit';
import type { Multiplier } from '../../lib/domain/types';
import { getDb } from '../../db/client';
import { Visitor } from './api-client';

/**
 * Issue 27, as it was found: a Run at 170 spm over a library of 40 own tracks at 164–176 BPM and 10
 * at 83–88 BPM (all timed) gave only soundtrack tracks, most of them off the cadence.
 */

function runnerLibrary() {
  const tracks = [];
  for (let k = 0; k < 40; k += 1) tracks.push({ bpm: 164 + (k % 13), artist: `Runner Band ${k % 17}` });
  for (let k = 0; k < 10; k += 1) tracks.push({ bpm: 83 + (k % 6), artist: `Slow Band ${k}` });
  // A fresh SHA-256 each time: visitors never share a file by accident.
  return tracks.map((t, k) => ({ title: `Own ${k + 1} (${t.bpm})`, artist: t.artist, durationMs: 190_000 + ((k * 7_919) % 70_000), bpm: t.bpm, analysisNote: 'test detector', fileSha256: randomBytes(32).toString('hex') }));
}

async function runnerWithLibrary() {
  const visitor = new Visitor();
  const added = await visitor.call(localRoute.POST, 'POST', { body: { tracks: runnerLibrary() } });
  expect(added.status).toBe(201);
  return visitor;
}

interface Entry {
  id: string;
  startMs: number;
  multiplier: Multiplier;
  track: { id: string; title: string; origin: string; bpm: number | null; durationMs: number; isAnchor?: boolean };
}

async function build(visitor: Visitor, body: Record<string, unknown>) {
  const built = await visitor.call(montagesRoute.POST, 'POST', { body: { mode: 'run', cadenceSpm: 170, ...body } });
  expect(built.status).toBe(201);
  return (await visitor.call(montageRoute.GET, 'GET', { params: { id: built.body.id } })).body.montage;
}

const curveOf = (montage: any) => ({ name: montage.curveName, points: montage.curvePoints });
const isSoundtrack = (e: Entry) => e.track.origin === 'catalog';

describe('a Run at 170 spm over a runner’s library (issue 27)', () => {
  // Opening the database (migrations on a fresh one) is not what the first test measures.
  beforeAll(async () => {
    await getDb();
  }, 120_000);

  it.each([30, 45, 60])('plays the runner’s tracks on the cadence and the soundtrack only where it fits (%i min)', async (lengthMin) => {
    const visitor = await runnerWithLibrary();
    const montage = await build(visitor, { lengthMin });
    const entries = montage.entries as Entry[];
    const curve = curveOf(montage);
    expect(montage.soundtrackShare).toBe('fit');
    const own = entries.filter((e) => !isSoundtrack(e));
    expect(own.length).toBeGreaterThan(entries.length / 2);
    // No track of unknown tempo ("hold about 170 steps/min" with no beat to hold).
    expect(entries.every((e) => e.track.bpm !== null)).toBe(true);
    // Every soundtrack track played fits its place (never Eye of the Tiger at 218 spm).
    for (const e of entries.filter(isSoundtrack)) {
      expect(placedTrackFit({ track: { ...e.track, artist: '', isAnchor: true }, multiplier: e.multiplier, startMs: e.startMs }, montage.totalMs, curve)?.fits, e.track.title).toBe(true);
    }
    // The cadence part: every track wholly inside it plays within 3 % of its target, which is the cadence.
    const part = runCadencePart(curve);
    const inside = entries.filter((e) => e.startMs / montage.totalMs >= part.fromFraction && (e.startMs + e.track.durationMs) / montage.totalMs <= part.toFraction);
    expect(inside.length).toBeGreaterThan(0);
    for (const e of inside) {
      const target = targetTempoOfSpan(curve, e.startMs, e.track.durationMs, montage.totalMs);
      expect(target).toBeCloseTo(170, 6);
      expect(tempoFit(e.track.bpm! * e.multiplier, target).fits, `${e.track.title} ×${e.multiplier}`).toBe(true);
    }
    // Left out, with the reason: Heart's on Fire (137 BPM) fits no part of a 170-spm run; unknown tempos cannot fit.
    const leftOut = montage.soundtrackLeftOut.map((t: any) => leftOutLabel(t, 'run'));
    expect(leftOut).toContain("Heart's on Fire, 137 BPM, fits no part of this run");
    // The catalog knows 5 of the 9 timed soundtrack tracks' tempos ("Training Montage" has no length).
    expect(leftOut.filter((label: string) => label.includes('tempo unknown'))).toHaveLength(4);
    const placedOrListed = new Set([...entries.filter(isSoundtrack).map((e) => e.track.id), ...montage.soundtrackLeftOut.map((t: any) => t.trackId)]);
    expect(placedOrListed.size).toBe(9);
  });

  it('builds from a saved filter with that filter’s tracks', async () => {
    const visitor = await runnerWithLibrary();
    const saved = await visitor.call(filtersRoute.POST, 'POST', {
      body: { kind: 'filter', name: '165–175 BPM (½×/2×)', criteria: { minTempo: 165, maxTempo: 175, origins: ['local'] } },
    });
    expect(saved.status).toBe(201);
    const all = await build(visitor, { lengthMin: 30 });
    const filtered = await build(visitor, { lengthMin: 30, filterId: saved.body.filter.id });
    const own = (filtered.entries as Entry[]).filter((e) => !isSoundtrack(e));
    expect(own.length).toBeGreaterThan(3);
    // Every own track from the filter: 165–175 as recorded, or at half/double time (83–88 BPM × 2 is 166–176).
    for (const e of own) expect([e.track.bpm!, e.track.bpm! * 2].some((b) => b >= 165 && b <= 175), e.track.title).toBe(true);
    expect(own.map((e) => e.track.id)).not.toEqual((all.entries as Entry[]).filter((e) => !isSoundtrack(e)).map((e) => e.track.id));
  });

  it('keeps every soundtrack track with "all of them" and none with "none"', async () => {
    const visitor = await runnerWithLibrary();
    const all = await build(visitor, { lengthMin: 45, soundtrack: 'all' });
    expect((all.entries as Entry[]).filter(isSoundtrack)).toHaveLength(9);
    expect(all.soundtrackShare).toBe('all');
    const none = await build(visitor, { lengthMin: 45, soundtrack: 'none' });
    expect((none.entries as Entry[]).filter(isSoundtrack)).toHaveLength(0);
    expect(none.soundtrackLeftOut).toEqual([]);
    const bad = await visitor.call(montagesRoute.POST, 'POST', { body: { mode: 'run', lengthMin: 30, soundtrack: 'most' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.problems.map((p: any) => p.field)).toEqual(['soundtrack']);
  });

  it('agrees with the swap list on the target and on what fits', async () => {
    const visitor = await runnerWithLibrary();
    const montage = await build(visitor, { lengthMin: 30 });
    const curve = curveOf(montage);
    const part = runCadencePart(curve);
    const entry = (montage.entries as Entry[]).find((e) => !isSoundtrack(e) && e.startMs / montage.totalMs >= part.fromFraction)!;
    const { body } = await visitor.call(alternativesRoute.GET, 'GET', { params: { id: montage.id, entryId: entry.id } });
    const target = targetTempoOfSpan(curve, entry.startMs, entry.track.durationMs, montage.totalMs);
    expect(body.slot.targetTempo).toBeCloseTo(target, 1);
    // Fit wins over origin: at the cadence the best replacement is one of the runner's that fits, not the soundtrack.
    const best = body.alternatives[0];
    expect(best.isAnchor).toBe(false);
    expect(tempoFit(best.tempo, body.slot.targetTempo).fits).toBe(true);
  });
});
