/**
 * Cue agreement on simulated networks (issue 29), the pure part of `bench:live`: how far apart
 * in true time the same cue sounds on several phones that each estimate their clock offset with
 * lib/live/clock-offset and plan cues with lib/live/cue-plan. Each phone has its own clock
 * (offset up to ±1 h, drift ±50 ppm) and its own path to the server: one-way latency 25–150 ms
 * each way (round trips 50–300 ms), legs unequal by up to ±40 % or ±10 %, and jitter (exponential, mean 10–60 ms). A
 * phone joins with a burst of 5 exchanges 200 ms apart, then one every 5 s. Audio output
 * latency (device-specific) is not modelled: the figures are the clock part of the error.
 * Run: `npx tsx tests/bench/live-clock.bench.ts` (the integrator may name it `bench:live-clock`).
 * Prints JSON lines: spread of each cue across the phones (max − min, ms), and each phone's offset error.
 */
import type { TimelineStep } from '../../lib/domain/timeline';
import { addExchange, EMPTY_ESTIMATOR, estimateOffset, type OffsetEstimator } from '../../lib/live/clock-offset';
import { planCues } from '../../lib/live/cue-plan';
import { createSessionTimeline, replayEvents } from '../../lib/live/session-timeline';
import { print, quantile, round } from './stats';

const SESSIONS = 2000;
const PHONES = 3;
const SEED = 29;

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
let random = mulberry32(SEED);
const between = (low: number, high: number) => low + random() * (high - low);
const exponential = (meanMs: number) => -Math.log(1 - random()) * meanMs;

interface Phone {
  offsetMs: number;
  driftPpm: number;
  outMs: number;
  backMs: number;
  jitterMeanMs: number;
}
const deviceClock = (phone: Phone, trueMs: number) => trueMs - phone.offsetMs - (phone.driftPpm * trueMs) / 1e6;
/** The true time at which the phone's clock reads `deviceMs` (inverse of deviceClock). */
const trueTimeOf = (phone: Phone, deviceMs: number) => (deviceMs + phone.offsetMs) / (1 - phone.driftPpm / 1e6);

const step = (startMs: number, endMs: number, exercise: string): TimelineStep => ({ startMs, endMs, entryIndex: 0, trackTitle: 'War', trackArtist: 'Vince DiCola', kind: 'work', exercise, intensity: 'hard', cue: '' });
const steps = Array.from({ length: 20 }, (_, i) => step(i * 30_000, (i + 1) * 30_000, i % 2 ? 'Rest' : 'Sled pull'));
const T0 = 1_000_000;

function simulate(maxAsymmetry: number) {
  random = mulberry32(SEED);
  const spreads: number[] = [];
  const errors: number[] = [];
  const bounds: number[] = [];
  const started = performance.now();
  for (let s = 0; s < SESSIONS; s++) {
    const phones: Phone[] = Array.from({ length: PHONES }, () => {
      const oneWayMs = between(25, 150);
      const asymmetry = between(1 - maxAsymmetry, 1 + maxAsymmetry);
      return { offsetMs: between(-3_600_000, 3_600_000), driftPpm: between(-50, 50), outMs: oneWayMs * asymmetry, backMs: oneWayMs * (2 - asymmetry), jitterMeanMs: between(10, 60) };
    });
    const startAtMs = T0 + 30_000;
    const leadMs = 500;
    const replay = replayEvents(createSessionTimeline({ steps, leaderId: 'leader', actionLeadMs: leadMs }), [
      { action: { type: 'start', startAtServerMs: startAtMs }, byParticipantId: 'leader', atServerMs: T0 },
      { action: { type: 'pause' }, byParticipantId: 'leader', atServerMs: T0 + 95_000 },
      { action: { type: 'resume' }, byParticipantId: 'leader', atServerMs: T0 + 120_000 },
    ]);
    if (!replay.ok) throw new Error(replay.code);
    const planAtMs = T0 + 119_000 + between(0, 600);
    const cueTimes: number[][] = [];
    for (const phone of phones) {
      let estimator: OffsetEstimator = EMPTY_ESTIMATOR;
      const sendTimes = [0, 200, 400, 600, 800, ...Array.from({ length: 23 }, (_, i) => 5000 * (i + 1))].map((ms) => T0 + ms).filter((ms) => ms < planAtMs);
      for (const sentAtMs of sendTimes) {
        const t1 = sentAtMs + phone.outMs + exponential(phone.jitterMeanMs);
        const t2 = t1 + between(0, 3);
        const arrivedMs = t2 + phone.backMs + exponential(phone.jitterMeanMs);
        estimator = addExchange(estimator, { t0: deviceClock(phone, sentAtMs), t1, t2, t3: deviceClock(phone, arrivedMs) }).estimator;
      }
      const nowDeviceMs = deviceClock(phone, planAtMs);
      const estimate = estimateOffset(estimator, nowDeviceMs)!;
      const trueOffsetMs = planAtMs - nowDeviceMs;
      errors.push(Math.abs(estimate.offsetMs - trueOffsetMs));
      bounds.push(estimate.errorBoundMs);
      const cues = planCues(replay.timeline, { nowDeviceMs, offsetMs: estimate.offsetMs, audioClock: null, horizonMs: 10_000 });
      cueTimes.push(cues.map((cue) => trueTimeOf(phone, cue.atDeviceMs)));
    }
    const count = Math.min(...cueTimes.map((times) => times.length));
    for (let c = 0; c < count; c++) {
      const times = cueTimes.map((phoneTimes) => phoneTimes[c]!);
      spreads.push(Math.max(...times) - Math.min(...times));
    }
  }
  const elapsedMs = performance.now() - started;
  return { spreads, errors, bounds, elapsedMs };
}
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: round(quantile(sorted, 0.5)), p95: round(quantile(sorted, 0.95)), p99: round(quantile(sorted, 0.99)), max: round(sorted.at(-1)!) };
};
// Legs unequal by up to ±40 % (a loaded uplink), then by up to ±10 %: the part of the error no round-trip filter can remove is half the difference of the legs.
for (const maxAsymmetry of [0.4, 0.1]) {
  const { spreads, errors, bounds, elapsedMs } = simulate(maxAsymmetry);
  const legs = `legs unequal by up to ±${maxAsymmetry * 100} %`;
  print({ bench: 'live-clock', legs, sessions: SESSIONS, phones: PHONES, cues: spreads.length, seed: SEED, what: 'cue spread across phones, true time (ms)', ...summary(spreads), targetP95Ms: 50 });
  print({ bench: 'live-clock', legs, what: 'offset error per phone (ms)', ...summary(errors) });
  print({ bench: 'live-clock', legs, what: 'error bound per phone (ms)', ...summary(bounds), boundHeld: errors.every((error, i) => error <= bounds[i]! + 1e-6) });
  print({ bench: 'live-clock', legs, what: 'run time (ms)', total: round(elapsedMs) });
}
