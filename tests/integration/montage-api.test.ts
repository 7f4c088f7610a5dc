import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as montagesRoute from '../../app/api/montages/route';
import * as montageRoute from '../../app/api/montages/[id]/route';
import * as orderRoute from '../../app/api/montages/[id]/order/route';
import * as intervalsRoute from '../../app/api/montages/[id]/entries/[entryId]/intervals/route';
import * as tempoRoute from '../../app/api/tracks/[trackId]/tempo/route';
import * as localRoute from '../../app/api/tracks/local/route';
import { getDb } from '../../db/client';
import { intervals, montageEntries, montages } from '../../db/schema';
import { findCoverageProblems } from '../../lib/domain/intervals';
import { Visitor } from './api-client';

async function countRows() {
  const db = await getDb();
  return {
    montages: (await db.select().from(montages)).length,
    entries: (await db.select().from(montageEntries)).length,
    intervals: (await db.select().from(intervals)).length,
  };
}

async function build(visitor: Visitor, body: Record<string, unknown>) {
  const created = await visitor.call(montagesRoute.POST, 'POST', { body });
  expect(created.status).toBe(201);
  const fetched = await visitor.call(montageRoute.GET, 'GET', { params: { id: created.body.id } });
  expect(fetched.status).toBe(200);
  return fetched.body.montage;
}

describe('building a montage', () => {
  it('builds a Rocky circuit from the catalog, every track timed and covered by intervals', async () => {
    const visitor = new Visitor();
    const montage = await build(visitor, { mode: 'circuit', lengthMin: 30 });
    expect(visitor.cookie).toMatch(/^montage_owner=/);
    expect(montage.name).toBe('Rocky circuit · 30 min');
    expect(montage.entries.length).toBeGreaterThanOrEqual(6);
    const titles = montage.entries.map((e: any) => e.track.title);
    expect(titles).not.toContain('Training Montage');
    expect(new Set(titles).size).toBe(titles.length);
    for (const entry of montage.entries) {
      expect(findCoverageProblems(entry.intervals, entry.track.durationMs)).toEqual([]);
      expect(entry.intervals.some((i: any) => i.kind === 'work')).toBe(true);
    }
    expect(Math.abs(montage.totalMs - 30 * 60_000)).toBeLessThanOrEqual(2 * 60_000);
  });

  it('builds a Run montage that uses half or double time for a runner cadence', async () => {
    // A runner's own songs at 88–92 BPM: at double time they are the 180 steps/min asked for.
    const visitor = new Visitor();
    const files = [88, 89, 90, 91, 92, 90].map((bpm, k) => ({ title: `Half ${k}`, artist: `Artist ${k}`, durationMs: 200_000 + k * 1_000, bpm, analysisNote: 'test detector', fileSha256: randomBytes(32).toString('hex') }));
    expect((await visitor.call(localRoute.POST, 'POST', { body: { tracks: files } })).status).toBe(201);
    const montage = await build(visitor, { mode: 'run', lengthMin: 20, cadenceSpm: 180 });
    expect(montage.cadenceSpm).toBe(180);
    const timed = montage.entries.filter((e: any) => e.track.bpm !== null);
    expect(timed.some((e: any) => e.multiplier === 2)).toBe(true);
    expect(montage.entries[0].intervals[0].cue).toMatch(/steps\/min/);
  });

  it('builds HIIT with the chosen work and rest', async () => {
    const montage = await build(new Visitor(), { mode: 'hiit', lengthMin: 20, hiitWorkSec: 30, hiitRestSec: 15 });
    const entry = montage.entries[0];
    // Boundaries land on the track's bar lines, so each part is within one bar of what was asked.
    const barMs = entry.track.bpm === null ? 1000 : (60_000 / entry.track.bpm) * 4;
    const [work, rest] = entry.intervals;
    expect(work.kind).toBe('work');
    expect(Math.abs(work.durationMs - 30_000)).toBeLessThanOrEqual(barMs);
    expect(rest.kind).toBe('rest');
    expect(Math.abs(rest.durationMs - 15_000)).toBeLessThanOrEqual(barMs);
  });
});

describe('bad input is refused with the field named and nothing written', () => {
  const cases: [string, { body?: unknown; rawBody?: string }, number, string][] = [
    ['malformed JSON', { rawBody: '{"mode": "run",' }, 400, 'body'],
    ['a wrong type', { body: { mode: 'run', lengthMin: '30' } }, 422, 'lengthMin'],
    ['an out-of-range length', { body: { mode: 'circuit', lengthMin: 91 } }, 422, 'lengthMin'],
    ['an out-of-range cadence', { body: { mode: 'run', lengthMin: 30, cadenceSpm: 220 } }, 422, 'cadenceSpm'],
    ['an unknown mode', { body: { mode: 'yoga', lengthMin: 30 } }, 422, 'mode'],
    ['an oversized name', { body: { mode: 'run', lengthMin: 30, name: 'x'.repeat(81) } }, 422, 'name'],
    ['an unknown field', { body: { mode: 'run', lengthMin: 30, tempo: 1 } }, 422, 'body'],
  ];
  it.each(cases)('%s', async (_label, request, status, field) => {
    const before = await countRows();
    const result = await new Visitor().call(montagesRoute.POST, 'POST', request);
    expect(result.status).toBe(status);
    expect(result.body.error.problems.map((p: any) => p.field)).toContain(field);
    expect(result.body.error.message.length).toBeGreaterThan(10);
    expect(await countRows()).toEqual(before);
  });

  it('answers 404 for unknown or malformed ids', async () => {
    const visitor = new Visitor();
    await build(visitor, { mode: 'circuit', lengthMin: 20 });
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', "'; drop table montages; --"]) {
      const result = await visitor.call(montageRoute.GET, 'GET', { params: { id } });
      expect(result.status).toBe(404);
    }
  });
});

describe('ownership', () => {
  let ownerMontage: any;
  const owner = new Visitor();
  beforeAll(async () => {
    ownerMontage = await build(owner, { mode: 'circuit', lengthMin: 20 });
  });

  it('hides a montage from anyone else, with 404 rather than 403', async () => {
    const stranger = new Visitor();
    await build(stranger, { mode: 'run', lengthMin: 20 });
    const params = { id: ownerMontage.id };
    expect((await stranger.call(montageRoute.GET, 'GET', { params })).status).toBe(404);
    expect((await new Visitor().call(montageRoute.GET, 'GET', { params })).status).toBe(404);
    const rename = await stranger.call(montageRoute.PATCH, 'PATCH', { params, body: { version: 1, name: 'Mine now' } });
    expect(rename.status).toBe(404);
    const del = await stranger.call(montageRoute.DELETE, 'DELETE', { params });
    expect(del.status).toBe(404);
    expect((await owner.call(montageRoute.GET, 'GET', { params })).body.montage.name).toBe(ownerMontage.name);
  });

  it('rejects a forged owner cookie', async () => {
    const forger = new Visitor();
    forger.cookie = `montage_owner=${ownerMontage.ownerId}.forged-signature`;
    expect((await forger.call(montageRoute.GET, 'GET', { params: { id: ownerMontage.id } })).status).toBe(404);
  });
});

describe('adjusting', () => {
  it('renames, and refuses the stale save of a second tab with 409', async () => {
    const visitor = new Visitor();
    const montage = await build(visitor, { mode: 'circuit', lengthMin: 20 });
    const params = { id: montage.id };
    const tabA = await visitor.call(montageRoute.PATCH, 'PATCH', { params, body: { version: montage.version, name: 'Siberia' } });
    expect(tabA.status).toBe(200);
    expect(tabA.body.version).toBe(montage.version + 1);
    const tabB = await visitor.call(montageRoute.PATCH, 'PATCH', { params, body: { version: montage.version, name: 'Philadelphia' } });
    expect(tabB.status).toBe(409);
    expect(tabB.body.error.message).toMatch(/changed since you loaded it/);
    const after = await visitor.call(montageRoute.GET, 'GET', { params });
    expect(after.body.montage.name).toBe('Siberia');
  });

  it('refuses an empty name', async () => {
    const visitor = new Visitor();
    const montage = await build(visitor, { mode: 'circuit', lengthMin: 20 });
    const result = await visitor.call(montageRoute.PATCH, 'PATCH', { params: { id: montage.id }, body: { version: montage.version, name: '   ' } });
    expect(result.status).toBe(422);
    expect(result.body.error.problems[0].field).toBe('name');
  });

  it('reorders tracks, and refuses an order that drops a track', async () => {
    const visitor = new Visitor();
    const montage = await build(visitor, { mode: 'circuit', lengthMin: 30 });
    const ids = montage.entries.map((e: any) => e.id);
    const reversed = [...ids].reverse();
    const params = { id: montage.id };
    const ok = await visitor.call(orderRoute.PUT, 'PUT', { params, body: { version: montage.version, entryIds: reversed } });
    expect(ok.status).toBe(200);
    const after = (await visitor.call(montageRoute.GET, 'GET', { params })).body.montage;
    expect(after.entries.map((e: any) => e.id)).toEqual(reversed);
    expect(after.entries[0].startMs).toBe(0);
    expect(after.entries[1].startMs).toBe(after.entries[0].track.durationMs);
    const bad = await visitor.call(orderRoute.PUT, 'PUT', { params, body: { version: ok.body.version, entryIds: reversed.slice(1) } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.problems).toEqual([{ field: 'entryIds', message: `expected the ${ids.length} entry ids of this montage, each once` }]);
    expect(bad.body.error.message).toBe('entryIds must list every track of the montage exactly once');
    // A track twice (and another dropped), a track of another montage, one too many: each refused the same way.
    const others = (await build(visitor, { mode: 'circuit', lengthMin: 20 })).entries.map((e: any) => e.id);
    for (const entryIds of [[...reversed.slice(1), reversed[1]], [...reversed, reversed[0]], [others[0], ...reversed.slice(1)], [...reversed, others[0]]]) {
      const refused = await visitor.call(orderRoute.PUT, 'PUT', { params, body: { version: ok.body.version, entryIds } });
      expect(refused.status, JSON.stringify(entryIds)).toBe(422);
      expect(refused.body.error.problems[0].field).toBe('entryIds');
    }
    const unchanged = (await visitor.call(montageRoute.GET, 'GET', { params })).body.montage;
    expect(unchanged.entries.map((e: any) => e.id)).toEqual(reversed);
    expect(unchanged.version).toBe(ok.body.version);
    // Someone else (with montages of their own) cannot reorder it.
    const stranger = new Visitor();
    await build(stranger, { mode: 'circuit', lengthMin: 20 });
    const foreign = await stranger.call(orderRoute.PUT, 'PUT', { params, body: { version: ok.body.version, entryIds: ids } });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.message).toBe('Montage not found');
  });

  it('edits a work/rest split, and refuses a gap naming the interval', async () => {
    const visitor = new Visitor();
    const montage = await build(visitor, { mode: 'circuit', lengthMin: 20 });
    const entry = montage.entries[0];
    const total = entry.track.durationMs;
    const params = { id: montage.id, entryId: entry.id };
    const split = [
      { offsetMs: 0, durationMs: total - 45_000, kind: 'work', exercise: 'Sled pull', intensity: 'max', cue: 'Dig in!' },
      { offsetMs: total - 45_000, durationMs: 45_000, kind: 'rest', exercise: 'Rest', intensity: 'rest', cue: '' },
    ];
    const ok = await visitor.call(intervalsRoute.PUT, 'PUT', { params, body: { version: montage.version, intervals: split } });
    expect(ok.status).toBe(200);
    const withGap = [split[0], { ...split[1], offsetMs: total - 40_000, durationMs: 40_000 }];
    const bad = await visitor.call(intervalsRoute.PUT, 'PUT', { params, body: { version: ok.body.version, intervals: withGap } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.problems.map((p: any) => p.field)).toContain('intervals.1.offsetMs');
    expect(bad.body.error.message).toMatch(/gap of 5000 ms/);
    const tooLong = [{ ...split[0], cue: 'x'.repeat(201) }, split[1]];
    const long = await visitor.call(intervalsRoute.PUT, 'PUT', { params, body: { version: ok.body.version, intervals: tooLong } });
    expect(long.status).toBe(422);
    expect(long.body.error.problems[0].field).toBe('intervals.0.cue');
    const after = (await visitor.call(montageRoute.GET, 'GET', { params: { id: montage.id } })).body.montage;
    expect(after.entries[0].intervals.map((i: any) => [i.exercise, i.durationMs])).toEqual([
      ['Sled pull', total - 45_000],
      ['Rest', 45_000],
    ]);
    expect(after.version).toBe(ok.body.version);
  });

  it('sets a tempo by hand for a track of unknown tempo, for that owner only', async () => {
    const visitor = new Visitor();
    const montage = await build(visitor, { mode: 'circuit', lengthMin: 35 });
    const unknown = montage.entries.find((e: any) => e.track.bpm === null);
    expect(unknown).toBeDefined();
    const bad = await visitor.call(tempoRoute.PUT, 'PUT', { params: { trackId: unknown.track.id }, body: { bpm: 1000, previousBpm: null } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.problems[0].field).toBe('bpm');
    const set = await visitor.call(tempoRoute.PUT, 'PUT', { params: { trackId: unknown.track.id }, body: { bpm: 121.04, previousBpm: null } });
    expect(set.status).toBe(200);
    const after = (await visitor.call(montageRoute.GET, 'GET', { params: { id: montage.id } })).body.montage;
    const track = after.entries.find((e: any) => e.id === unknown.id).track;
    expect(track).toMatchObject({ bpm: 121, tempoSource: 'manual' });
    const other = await build(new Visitor(), { mode: 'circuit', lengthMin: 35 });
    expect(other.entries.find((e: any) => e.track.id === unknown.track.id)?.track.bpm ?? null).toBeNull();
    const missing = await visitor.call(tempoRoute.PUT, 'PUT', { params: { trackId: 'no-such-track' }, body: { bpm: 120, previousBpm: null } });
    expect(missing.status).toBe(404);
  });
});
