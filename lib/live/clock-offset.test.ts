import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureExchange, type ClockExchange } from './clock-exchange';
import { addExchange, DEFAULT_OFFSET_OPTIONS, EMPTY_ESTIMATOR, estimateOffset, type ExchangeOutcome, type OffsetEstimator, type OffsetEstimatorOptions } from './clock-offset';

/**
 * A simulated phone: its clock reads `trueMs - offsetMs` (offset = server minus device), drifting
 * by `driftPpm`, and `jumpMs` added from `jumpAtMs` on (a phone that slept with a paused clock, a
 * clock set by hand). The server's clock is the true time.
 */
interface Phone {
  offsetMs: number;
  driftPpm?: number;
  jumpAtMs?: number;
  jumpMs?: number;
}
const deviceClock = (phone: Phone, trueMs: number) =>
  trueMs - phone.offsetMs - ((phone.driftPpm ?? 0) * trueMs) / 1e6 + (phone.jumpAtMs !== undefined && trueMs >= phone.jumpAtMs ? (phone.jumpMs ?? 0) : 0);
/** Server minus device at a true moment: what a perfect estimator would say. */
const trueOffset = (phone: Phone, trueMs: number) => trueMs - deviceClock(phone, trueMs);

interface Trip {
  sentAtMs: number;
  outMs: number;
  serverMs: number;
  backMs: number;
}
function exchange(phone: Phone, trip: Trip): ClockExchange {
  const t1 = trip.sentAtMs + trip.outMs;
  const t2 = t1 + trip.serverMs;
  return { t0: deviceClock(phone, trip.sentAtMs), t1, t2, t3: deviceClock(phone, t2 + trip.backMs) };
}

function feed(phone: Phone, trips: readonly Trip[], options: OffsetEstimatorOptions = DEFAULT_OFFSET_OPTIONS) {
  let estimator: OffsetEstimator = EMPTY_ESTIMATOR;
  const outcomes: ExchangeOutcome['kind'][] = [];
  for (const trip of trips) {
    const next = addExchange(estimator, exchange(phone, trip), options);
    estimator = next.estimator;
    outcomes.push(next.outcome.kind);
  }
  return { estimator, outcomes };
}

const end = (trip: Trip) => trip.sentAtMs + trip.outMs + trip.serverMs + trip.backMs;
const noDrift: OffsetEstimatorOptions = { ...DEFAULT_OFFSET_OPTIONS, driftPpm: 0 };
/** Round-off of float arithmetic on clock values near 1e9 ms. */
const EPSILON_MS = 1e-6;

/** Exchanges a second apart over a mobile network: each leg 20–800 ms, the server 0–30 ms. */
const trips = (count: { min: number; max: number }) =>
  fc.array(fc.record({ outMs: fc.integer({ min: 20, max: 800 }), serverMs: fc.integer({ min: 0, max: 30 }), backMs: fc.integer({ min: 20, max: 800 }) }), { minLength: count.min, maxLength: count.max }).map((legs) =>
    legs.map((leg, i) => ({ ...leg, sentAtMs: 1_000_000 + i * 1000 })),
  );

describe('one exchange', () => {
  it('gives the offset exactly on a symmetric path, and half the round trip as its bound', () => {
    const measured = measureExchange(exchange({ offsetMs: 2500 }, { sentAtMs: 10_000, outMs: 40, serverMs: 5, backMs: 40 }));
    expect(measured).toMatchObject({ offsetMs: 2500, rttMs: 80, halfWidthMs: 40 });
  });

  it('refuses answers no network can produce', () => {
    expect(measureExchange({ t0: 100, t1: 500, t2: 490, t3: 200 })).toBe('answered-before-asked');
    expect(measureExchange({ t0: 100, t1: 500, t2: 600, t3: 150 })).toBe('received-before-sent');
    expect(measureExchange({ t0: 100, t1: Number.NaN, t2: 600, t3: 150 })).toBe('not-finite');
  });
});

describe('the offset estimate on simulated networks', () => {
  it('is never further from the truth than its bound, and the bound is at most half the fastest round trip (asymmetric legs, jitter)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -86_400_000, max: 86_400_000 }), trips({ min: 1, max: 40 }), (offsetMs, sent) => {
        const phone = { offsetMs };
        const { estimator } = feed(phone, sent, noDrift);
        const nowMs = deviceClock(phone, end(sent.at(-1)!));
        const estimate = estimateOffset(estimator, nowMs, noDrift)!;
        const fastestRttMs = Math.min(...sent.slice(-noDrift.windowSize).map((t) => t.outMs + t.backMs));
        expect(Math.abs(estimate.offsetMs - offsetMs)).toBeLessThanOrEqual(estimate.errorBoundMs + EPSILON_MS);
        expect(estimate.errorBoundMs).toBeLessThanOrEqual(fastestRttMs / 2 + EPSILON_MS);
        expect(estimate.minRttMs).toBeCloseTo(fastestRttMs, 6);
      }),
    );
  });

  it('keeps its bound while the phone clock drifts (±90 ppm, within the 100 allowed), the bound growing only by that drift', () => {
    fc.assert(
      fc.property(fc.integer({ min: -60_000, max: 60_000 }), fc.integer({ min: -90, max: 90 }), trips({ min: 2, max: 30 }), (offsetMs, driftPpm, sent) => {
        const phone = { offsetMs, driftPpm };
        const { estimator } = feed(phone, sent);
        const lastMs = end(sent.at(-1)!);
        const estimate = estimateOffset(estimator, deviceClock(phone, lastMs))!;
        expect(Math.abs(estimate.offsetMs - trueOffset(phone, lastMs))).toBeLessThanOrEqual(estimate.errorBoundMs + EPSILON_MS);
        const windowSpanMs = lastMs - sent.slice(-DEFAULT_OFFSET_OPTIONS.windowSize)[0]!.sentAtMs;
        const fastestRttMs = Math.min(...sent.slice(-DEFAULT_OFFSET_OPTIONS.windowSize).map((t) => t.outMs + t.backMs));
        expect(estimate.errorBoundMs).toBeLessThanOrEqual(fastestRttMs / 2 + ((windowSpanMs + 2000) * DEFAULT_OFFSET_OPTIONS.driftPpm) / 1e6);
      }),
    );
  });

  it('one fast round trip among slow jittery ones pins the offset (a 4G path: 300 ms one way, 40 ms the other, one quiet moment)', () => {
    const phone = { offsetMs: -12_345 };
    const slow = Array.from({ length: 10 }, (_, i) => ({ sentAtMs: 5000 + i * 1000, outMs: 300 + ((i * 37) % 90), serverMs: 2, backMs: 40 + ((i * 53) % 60) }));
    const quiet = { sentAtMs: 20_000, outMs: 25, serverMs: 2, backMs: 25 };
    const alone = estimateOffset(feed(phone, slow).estimator, deviceClock(phone, 16_000))!;
    const pinned = estimateOffset(feed(phone, [...slow, quiet]).estimator, deviceClock(phone, 21_000))!;
    expect(Math.abs(alone.offsetMs - phone.offsetMs)).toBeGreaterThan(100);
    expect(Math.abs(pinned.offsetMs - phone.offsetMs)).toBeLessThanOrEqual(25 + 1);
    expect(pinned.minRttMs).toBe(50);
  });

  it('drops round trips slower than allowed and answers no network can produce, keeping the estimate it had', () => {
    const phone = { offsetMs: 700 };
    const { estimator, outcomes } = feed(phone, [
      { sentAtMs: 1000, outMs: 30, serverMs: 1, backMs: 30 },
      { sentAtMs: 2000, outMs: 2000, serverMs: 1, backMs: 1500 },
    ]);
    expect(outcomes).toEqual(['accepted', 'rejected']);
    const broken = addExchange(estimator, { t0: 5000, t1: 6000, t2: 5990, t3: 5100 });
    expect(broken.outcome).toEqual({ kind: 'rejected', reason: 'answered-before-asked' });
    expect(estimateOffset(broken.estimator, deviceClock(phone, 6000))!.offsetMs).toBeCloseTo(700, 6);
  });
});

describe('a clock that jumps, and answers that lie', () => {
  const steady = Array.from({ length: 8 }, (_, i) => ({ sentAtMs: 10_000 + i * 1000, outMs: 40 + (i % 3) * 10, serverMs: 1, backMs: 60 }));

  it('a phone that slept 30 s with its clock paused is followed after two agreeing exchanges, not one', () => {
    const phone = { offsetMs: 1500, jumpAtMs: 30_000, jumpMs: -30_000 };
    const after = [
      { sentAtMs: 31_000, outMs: 45, serverMs: 1, backMs: 55 },
      { sentAtMs: 32_000, outMs: 45, serverMs: 1, backMs: 55 },
    ];
    const { estimator, outcomes } = feed(phone, [...steady, ...after]);
    expect(outcomes.slice(-2)).toEqual(['suspect', 'clock-jump']);
    const estimate = estimateOffset(estimator, deviceClock(phone, 33_000))!;
    expect(Math.abs(estimate.offsetMs - trueOffset(phone, 33_000))).toBeLessThanOrEqual(estimate.errorBoundMs + EPSILON_MS);
    expect(estimate.offsetMs).toBeGreaterThan(31_000 - 60);
    // Between the two, the device kept the estimate it had rather than trusting one answer.
    const between = feed(phone, [...steady, after[0]!]).estimator;
    expect(between.window).toEqual(feed(phone, steady).estimator.window);
    expect(between.suspects).toHaveLength(1);
  });

  it('one answer stamped 5 s wrong is held aside and forgotten when the next agrees with the window', () => {
    const phone = { offsetMs: -400 };
    let { estimator } = feed(phone, steady);
    const before = estimateOffset(estimator, deviceClock(phone, 18_500))!;
    const good = exchange(phone, { sentAtMs: 19_000, outMs: 40, serverMs: 1, backMs: 60 });
    const lying = addExchange(estimator, { ...good, t1: good.t1 + 5000, t2: good.t2 + 5000 });
    expect(lying.outcome.kind).toBe('suspect');
    ({ estimator } = lying);
    const next = addExchange(estimator, exchange(phone, { sentAtMs: 20_000, outMs: 40, serverMs: 1, backMs: 60 }));
    expect(next.outcome.kind).toBe('accepted');
    expect(next.estimator.suspects).toEqual([]);
    const after = estimateOffset(next.estimator, deviceClock(phone, 21_000))!;
    expect(Math.abs(after.offsetMs - before.offsetMs)).toBeLessThanOrEqual(before.errorBoundMs * 2);
    expect(Math.abs(after.offsetMs - phone.offsetMs)).toBeLessThanOrEqual(after.errorBoundMs + EPSILON_MS);
  });

  it('two wrong answers that disagree with each other never move the window', () => {
    const phone = { offsetMs: 0 };
    let { estimator } = feed(phone, steady);
    const kinds: string[] = [];
    for (const [i, wrongByMs] of [5000, -7000, 9000].entries()) {
      const good = exchange(phone, { sentAtMs: 19_000 + i * 1000, outMs: 40, serverMs: 1, backMs: 60 });
      const step = addExchange(estimator, { ...good, t1: good.t1 + wrongByMs, t2: good.t2 + wrongByMs });
      kinds.push(step.outcome.kind);
      estimator = step.estimator;
    }
    expect(kinds).toEqual(['suspect', 'suspect', 'suspect']);
    expect(Math.abs(estimateOffset(estimator, deviceClock(phone, 22_000))!.offsetMs)).toBeLessThanOrEqual(50);
  });

  it('slides: the window holds the latest measurements only, and forgets them all after maxAgeMs', () => {
    const phone = { offsetMs: 90 };
    const many = Array.from({ length: 40 }, (_, i) => ({ sentAtMs: i * 1000, outMs: 30, serverMs: 0, backMs: 30 }));
    const { estimator } = feed(phone, many);
    expect(estimator.window).toHaveLength(DEFAULT_OFFSET_OPTIONS.windowSize);
    expect(estimateOffset(estimator, deviceClock(phone, 40_000))!.measurementCount).toBe(DEFAULT_OFFSET_OPTIONS.fastestKept);
    expect(estimateOffset(estimator, deviceClock(phone, 40_000 + DEFAULT_OFFSET_OPTIONS.maxAgeMs + 1))).toBeNull();
    expect(estimateOffset(EMPTY_ESTIMATOR, 0)).toBeNull();
  });
});
