import { measureExchange, type ClockExchange, type ExchangeProblem, type OffsetMeasurement } from './clock-exchange';

export interface OffsetEstimatorOptions {
  /** How many of the latest accepted measurements the window holds. */
  windowSize: number;
  /** How many of the window's fastest round trips the estimate is drawn from. */
  fastestKept: number;
  /** A round trip slower than this tells too little to keep (ms). */
  maxRttMs: number;
  /** Measurements older than this (device clock) no longer count (ms). */
  maxAgeMs: number;
  /** How far the two clocks may drift apart, in parts per million: widens old measurements' bounds. */
  driftPpm: number;
  /** Consistent measurements in a row that disagree with the window before it is believed that a clock jumped. */
  jumpConfirmations: number;
}

export const DEFAULT_OFFSET_OPTIONS: OffsetEstimatorOptions = {
  windowSize: 16,
  fastestKept: 4,
  maxRttMs: 3000,
  maxAgeMs: 5 * 60_000,
  driftPpm: 100,
  jumpConfirmations: 2,
};

/** The estimator's memory: plain data, replaced (never mutated) by `addExchange`. */
export interface OffsetEstimator {
  /** Accepted measurements, oldest first, at most `windowSize`. */
  window: readonly OffsetMeasurement[];
  /** Measurements that disagree with the window, waiting for confirmation that a clock jumped. */
  suspects: readonly OffsetMeasurement[];
}

export const EMPTY_ESTIMATOR: OffsetEstimator = { window: [], suspects: [] };

export interface ClockEstimate {
  /** Server clock minus device clock (ms): serverMs = deviceMs + offsetMs. */
  offsetMs: number;
  /** The true offset is within this of `offsetMs` (ms): at most half the fastest round trip used, plus drift since. */
  errorBoundMs: number;
  /** The fastest round trip the estimate rests on (ms). */
  minRttMs: number;
  measurementCount: number;
}

export type ExchangeOutcome =
  | { kind: 'accepted' }
  | { kind: 'rejected'; reason: ExchangeProblem | 'too-slow' }
  /** Disagrees with every bound the window holds: one bad answer, or the first sign of a jump. */
  | { kind: 'suspect' }
  /** Confirmed jump (a phone that slept, a clock set by hand): the window restarts from the suspects. */
  | { kind: 'clock-jump' };

interface Bounds {
  lowMs: number;
  highMs: number;
}

function boundsAt(measurement: OffsetMeasurement, nowDeviceMs: number, options: OffsetEstimatorOptions): Bounds {
  const driftMs = (Math.max(0, nowDeviceMs - measurement.receivedAtDeviceMs) * options.driftPpm) / 1e6;
  const halfMs = measurement.halfWidthMs + driftMs;
  return { lowMs: measurement.offsetMs - halfMs, highMs: measurement.offsetMs + halfMs };
}

/** Where every measurement's bound overlaps; null when they contradict one another. */
function intersect(measurements: readonly OffsetMeasurement[], nowDeviceMs: number, options: OffsetEstimatorOptions): Bounds | null {
  let lowMs = -Infinity;
  let highMs = Infinity;
  for (const measurement of measurements) {
    const bounds = boundsAt(measurement, nowDeviceMs, options);
    lowMs = Math.max(lowMs, bounds.lowMs);
    highMs = Math.min(highMs, bounds.highMs);
  }
  return lowMs <= highMs ? { lowMs, highMs } : null;
}

function fastest(measurements: readonly OffsetMeasurement[], count: number): OffsetMeasurement[] {
  return [...measurements].sort((a, b) => a.rttMs - b.rttMs).slice(0, Math.max(1, count));
}

/**
 * Folds one exchange into the estimator. A measurement whose bound overlaps the window's joins
 * it (the oldest leaves once the window is full). One that contradicts it cannot come from the
 * network, whose delays only widen bounds: either the answer is wrong or a clock jumped, so it
 * waits as a suspect until `jumpConfirmations` consistent ones agree (then the window restarts
 * from them) or a measurement agreeing with the window shows it was a lone outlier.
 */
export function addExchange(
  estimator: OffsetEstimator,
  exchange: ClockExchange,
  options: OffsetEstimatorOptions = DEFAULT_OFFSET_OPTIONS,
): { estimator: OffsetEstimator; outcome: ExchangeOutcome } {
  const measurement = measureExchange(exchange);
  if (typeof measurement === 'string') return { estimator, outcome: { kind: 'rejected', reason: measurement } };
  if (measurement.rttMs > options.maxRttMs) return { estimator, outcome: { kind: 'rejected', reason: 'too-slow' } };

  const nowMs = measurement.receivedAtDeviceMs;
  const current = live(estimator.window, nowMs, options);
  const windowBounds = intersect(fastest(current, options.fastestKept), nowMs, options);
  if (!windowBounds || overlaps(windowBounds, boundsAt(measurement, nowMs, options))) {
    const window = [...current, measurement].slice(-options.windowSize);
    return { estimator: { window, suspects: [] }, outcome: { kind: 'accepted' } };
  }

  const suspects = intersect([...estimator.suspects, measurement], nowMs, options) ? [...estimator.suspects, measurement] : [measurement];
  if (suspects.length >= options.jumpConfirmations) {
    return { estimator: { window: suspects.slice(-options.windowSize), suspects: [] }, outcome: { kind: 'clock-jump' } };
  }
  return { estimator: { window: estimator.window, suspects }, outcome: { kind: 'suspect' } };
}

function overlaps(a: Bounds, b: Bounds): boolean {
  return a.lowMs <= b.highMs && b.lowMs <= a.highMs;
}

function live(window: readonly OffsetMeasurement[], nowDeviceMs: number, options: OffsetEstimatorOptions): OffsetMeasurement[] {
  return window.filter((m) => nowDeviceMs - m.receivedAtDeviceMs <= options.maxAgeMs);
}

/**
 * The offset at device time `nowDeviceMs`: the middle of the overlap of the fastest round trips'
 * bounds, so its error is at most half the fastest round trip (plus drift since it was measured).
 * Null before the first measurement or once all are older than `maxAgeMs`.
 */
export function estimateOffset(
  estimator: OffsetEstimator,
  nowDeviceMs: number,
  options: OffsetEstimatorOptions = DEFAULT_OFFSET_OPTIONS,
): ClockEstimate | null {
  const used = fastest(live(estimator.window, nowDeviceMs, options), options.fastestKept);
  const best = used[0];
  if (!best) return null;
  // Drift beyond `driftPpm` can leave the bounds without overlap: the fastest round trip alone still holds.
  const bounds = intersect(used, nowDeviceMs, options) ?? boundsAt(best, nowDeviceMs, options);
  return {
    offsetMs: (bounds.lowMs + bounds.highMs) / 2,
    errorBoundMs: (bounds.highMs - bounds.lowMs) / 2,
    minRttMs: best.rttMs,
    measurementCount: used.length,
  };
}

/** The server's time for a moment on the device clock (ms). */
export function toServerMs(estimate: Pick<ClockEstimate, 'offsetMs'>, deviceMs: number): number {
  return deviceMs + estimate.offsetMs;
}

/** The device clock's time for a moment on the server's (ms). */
export function toDeviceMs(estimate: Pick<ClockEstimate, 'offsetMs'>, serverMs: number): number {
  return serverMs - estimate.offsetMs;
}
