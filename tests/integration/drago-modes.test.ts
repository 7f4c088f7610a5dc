import { Decoder, Stream } from '@garmin/fitsdk';
import { describe, expect, it } from 'vitest';
import * as montagesRoute from '../../app/api/montages/route';
import * as montageRoute from '../../app/api/montages/[id]/route';
import * as fitRoute from '../../app/api/montages/[id]/fit/route';
import * as shareRoute from '../../app/api/montages/[id]/share/route';
import * as sharedRoute from '../../app/api/share/[token]/route';
import { DRAGO_LAB, ROCKY_CIRCUIT } from '../../lib/domain/exercises';
import { findCoverageProblems } from '../../lib/domain/intervals';
import { Visitor } from './api-client';

const drago = new Set(DRAGO_LAB.map((e) => e.name));
const rocky = new Set(ROCKY_CIRCUIT.map((e) => e.name));

async function build(visitor: Visitor, body: Record<string, unknown>) {
  const created = await visitor.call(montagesRoute.POST, 'POST', { body });
  expect(created.status).toBe(201);
  return (await visitor.call(montageRoute.GET, 'GET', { params: { id: created.body.id } })).body.montage;
}

describe('a montage keeps the workout it was built for', () => {
  it('a run its cadence (170 steps/min unless given), HIIT its work and rest, a circuit neither; its name trimmed, or one made from the choice', async () => {
    const visitor = new Visitor();
    expect(await build(visitor, { mode: 'run', lengthMin: 20 })).toMatchObject({ mode: 'run', cadenceSpm: 170, hiitWorkSec: null, hiitRestSec: null });
    expect(await build(visitor, { mode: 'run', lengthMin: 20, cadenceSpm: 182, name: '  Hill repeats  ' })).toMatchObject({ cadenceSpm: 182, name: 'Hill repeats' });
    expect(await build(visitor, { mode: 'hiit', lengthMin: 20, hiitWorkSec: 40, hiitRestSec: 20 })).toMatchObject({ mode: 'hiit', cadenceSpm: null, hiitWorkSec: 40, hiitRestSec: 20 });
    const circuit = await build(visitor, { mode: 'circuit', lengthMin: 20, name: '   ' });
    expect(circuit).toMatchObject({ mode: 'circuit', cadenceSpm: null, hiitWorkSec: null, hiitRestSec: null });
    expect(circuit.name).not.toBe('');
    expect(circuit.name).toBe((await build(visitor, { mode: 'circuit', lengthMin: 20 })).name);
  });
});

describe("Drago's lab and Rocky vs Drago, end to end", () => {
  it("builds Drago's lab: every station a machine of the lab, cues read off a monitor, exported to a watch", async () => {
    const visitor = new Visitor();
    const montage = await build(visitor, { mode: 'drago', lengthMin: 30 });
    expect(montage.name).toBe("Drago's lab · 30 min");
    const work = montage.entries.flatMap((e: any) => e.intervals.filter((i: any) => i.kind === 'work'));
    expect(work.every((i: any) => drago.has(i.exercise) && i.cue.startsWith('MONITOR · '))).toBe(true);
    for (const entry of montage.entries) expect(findCoverageProblems(entry.intervals, entry.track.durationMs)).toEqual([]);
    const response = await (fitRoute.GET as any)(new Request('http://127.0.0.1:3000/x', { headers: { cookie: visitor.cookie! } }), { params: Promise.resolve({ id: montage.id }) });
    const { messages } = new Decoder(Stream.fromByteArray(Array.from(new Uint8Array(await response.arrayBuffer())))).read();
    const names = (messages.workoutStepMesgs as any[]).filter((s) => s.intensity === 'active').map((s) => s.wktStepName);
    expect(names).toEqual(work.map((i: any) => i.exercise));
  });

  it('builds Rocky vs Drago: the sides alternate track by track, and a shared link shows the mode', async () => {
    const visitor = new Visitor();
    const montage = await build(visitor, { mode: 'versus', lengthMin: 45 });
    expect(montage.mode).toBe('versus');
    montage.entries.forEach((entry: any, k: number) => {
      const side = k % 2 === 0 ? rocky : drago;
      expect(entry.intervals.filter((i: any) => i.kind === 'work').every((i: any) => side.has(i.exercise))).toBe(true);
    });
    const token = (await visitor.call(shareRoute.POST, 'POST', { params: { id: montage.id } })).body.token;
    const shared = await new Visitor().call(sharedRoute.GET, 'GET', { params: { token } });
    expect(shared.body.montage.mode).toBe('versus');
  });
});
