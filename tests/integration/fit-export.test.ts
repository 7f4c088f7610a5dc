import { Decoder, Stream } from '@garmin/fitsdk';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as montagesRoute from '../../app/api/montages/route';
import * as montageRoute from '../../app/api/montages/[id]/route';
import * as fitRoute from '../../app/api/montages/[id]/fit/route';
import * as shareRoute from '../../app/api/montages/[id]/share/route';
import * as sharedFitRoute from '../../app/api/share/[token]/fit/route';
import { getDb } from '../../db/client';
import { tracks } from '../../db/schema';
import { effectiveTempo } from '../../lib/domain/tempo';
import { CADENCE_TOLERANCE_SPM } from '../../lib/domain/watch-workout';
import { Visitor } from './api-client';

async function build(visitor: Visitor, body: Record<string, unknown>) {
  const created = await visitor.call(montagesRoute.POST, 'POST', { body });
  return (await visitor.call(montageRoute.GET, 'GET', { params: { id: created.body.id } })).body.montage;
}

async function download(route: { GET: unknown }, visitor: Visitor, params: Record<string, string>) {
  const headers = new Headers(visitor.cookie ? { cookie: visitor.cookie } : {});
  const handler = route.GET as (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
  return handler(new Request('http://127.0.0.1:3000/api/x', { headers }), { params: Promise.resolve(params) });
}

/** The steps as a watch runs them: a repeat step sends it back to its group's first step until the group was done that many times. */
function stepsAsRun(messages: Record<string, any>[]): Record<string, any>[] {
  const run: Record<string, any>[] = [];
  const passes = new Map<number, number>();
  for (let i = 0; i < messages.length; ) {
    const message = messages[i]!;
    if (message.durationType !== 'repeatUntilStepsCmplt') {
      run.push(message);
      i += 1;
      continue;
    }
    const pass = (passes.get(i) ?? 1) + 1;
    if (pass <= message.repeatSteps) {
      passes.set(i, pass);
      i = message.durationStep;
    } else i += 1;
  }
  return run;
}

async function decodeSteps(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/vnd.ant.fit');
  expect(response.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.fit"/);
  const decoder = new Decoder(Stream.fromByteArray(Array.from(new Uint8Array(await response.arrayBuffer()))));
  expect(decoder.checkIntegrity()).toBe(true);
  const { messages, errors } = decoder.read();
  expect(errors).toEqual([]);
  return messages as unknown as { workoutMesgs: Record<string, unknown>[]; workoutStepMesgs: Record<string, any>[] };
}

describe('exporting a montage to a watch (FIT workout)', () => {
  it("a Run montage: one timed step per track with the track's cadence ± tolerance, in strides a minute (FIT's rpm)", async () => {
    const visitor = new Visitor();
    const montage = await build(visitor, { mode: 'run', lengthMin: 20, cadenceSpm: 170 });
    const { workoutMesgs, workoutStepMesgs } = await decodeSteps(await download(fitRoute, visitor, { id: montage.id }));
    expect(workoutMesgs[0]).toMatchObject({ sport: 'running', numValidSteps: montage.entries.length });
    expect(workoutStepMesgs).toHaveLength(montage.entries.length);
    montage.entries.forEach((entry: any, i: number) => {
      const step = workoutStepMesgs[i]!;
      expect(step.wktStepName).toBe(entry.track.title);
      expect(step.durationType).toBe('time');
      expect(step.durationTime * 1000).toBeCloseTo(entry.track.durationMs, 0);
      if (entry.track.bpm === null) expect(step.targetType).toBe('open');
      else {
        const spm = Math.round(effectiveTempo(entry.track.bpm, entry.multiplier));
        // FIT's cadence unit is rpm: strides a minute for running, half the steps.
        expect(step).toMatchObject({
          targetType: 'cadence',
          customTargetCadenceLow: Math.floor((spm - CADENCE_TOLERANCE_SPM) / 2),
          customTargetCadenceHigh: Math.ceil((spm + CADENCE_TOLERANCE_SPM) / 2),
        });
      }
    });
  });

  it('a HIIT montage: work and rest steps with the exercise name, as long as each interval', async () => {
    const visitor = new Visitor();
    const montage = await build(visitor, { mode: 'hiit', lengthMin: 20, hiitWorkSec: 40, hiitRestSec: 20 });
    const intervals = montage.entries.flatMap((e: any) => e.intervals);
    const { workoutStepMesgs } = await decodeSteps(await download(fitRoute, visitor, { id: montage.id }));
    const run = stepsAsRun(workoutStepMesgs);
    expect(run.map((s) => [s.wktStepName, s.intensity, Math.round(s.durationTime * 1000)])).toEqual(
      intervals.map((i: any) => [i.exercise, i.kind === 'rest' ? 'rest' : 'active', i.durationMs]),
    );
    expect(run.filter((s) => s.intensity === 'active').every((s) => typeof s.notes === 'string' && s.notes.includes('♪'))).toBe(true);
    // Identical rounds would be written once with a repeat step (lib/domain/watch-repeats.ts); the
    // planner's HIIT rotates its exercises and puts each interval on the beat, so rounds rarely repeat exactly.
    const repeats = workoutStepMesgs.filter((s) => s.durationType === 'repeatUntilStepsCmplt');
    console.log(JSON.stringify({ figure: 'HIIT 20 min (40/20) as FIT workout_steps', intervals: intervals.length, messages: workoutStepMesgs.length, repeatSteps: repeats.length }));
  });

  it("a shared link exports too; a stranger's montage id and a revoked link are not found", async () => {
    const owner = new Visitor();
    const montage = await build(owner, { mode: 'circuit', lengthMin: 20 });
    const token = (await owner.call(shareRoute.POST, 'POST', { params: { id: montage.id } })).body.token;
    const stranger = new Visitor();
    const shared = await decodeSteps(await download(sharedFitRoute, stranger, { token }));
    expect(stepsAsRun(shared.workoutStepMesgs).length).toBe(montage.entries.reduce((n: number, e: any) => n + e.intervals.length, 0));
    expect((await download(fitRoute, stranger, { id: montage.id })).status).toBe(404);
    await owner.call(shareRoute.DELETE, 'DELETE', { params: { id: montage.id } });
    expect((await download(sharedFitRoute, stranger, { token })).status).toBe(404);
  });

  it('names the file after the montage in lower-case words joined by dashes ("montage" when none is left), never cached', async () => {
    const visitor = new Visitor();
    for (const [name, file] of [
      ["  Rocky's Log-Carry!! 2 ", 'rocky-s-log-carry-2.fit'],
      ['DRAGO', 'drago.fit'],
      ['✦ ✦', 'montage.fit'],
    ]) {
      const montage = await build(visitor, { mode: 'run', lengthMin: 20, cadenceSpm: 170, name });
      const response = await download(fitRoute, visitor, { id: montage.id });
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${file}"`);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('a montage holding an untimed track is refused with a 422 naming the track', async () => {
    const visitor = new Visitor();
    const montage = await build(visitor, { mode: 'circuit', lengthMin: 20 });
    const second = montage.entries[1].track;
    const db = await getDb();
    await db.update(tracks).set({ durationMs: null }).where(eq(tracks.id, second.id));
    try {
      const response = await download(fitRoute, visitor, { id: montage.id });
      expect(response.status).toBe(422);
      const body = await response.json();
      expect(body.error.message).toContain(`"${second.title}" (track 2) has no length yet`);
      expect(body.error.problems[0].field).toBe('entries.1.track.durationMs');
    } finally {
      await db.update(tracks).set({ durationMs: second.durationMs }).where(eq(tracks.id, second.id));
    }
  });
});
