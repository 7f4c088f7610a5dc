/**
 * `npm run bench:sequencer`: prints one JSON object per line.
 * - kind "scale": per pool size (100 … 100,000 synthetic tracks) and 60-minute scenario, the run
 *   time of `sequenceMontage` (median, p95, wall clock, after warm-up) and the mean cost of ours
 *   and of the two baselines on the same pools, with how often ours was lower; with the Rocky
 *   anchors, also a proven lower bound on any montage's cost (see `anchorLowerBound`);
 * - kind "growth": how the median run time grows with pool size;
 * - kind "optimum": ours against the exact optimum on seeded small instances, one line per family
 *   (the app's tolerance, tight, zero, unknown-tempo fillers, anchors that do not fit, steep curves);
 * - kind "mid-pools": ours against the exact optimum past 10 tracks (pools of 18–28, see
 *   exact-reference.ts) and against the best of long searches (pools of 65–90), per family of mid-instances.ts;
 * - kind "long-target": a 10-hour target at 10,000 tracks, and a 24-hour target over 100,000 tracks of unknown tempo;
 *   kind "alternatives": `alternativesForSlot` at 10,000 tracks;
 * - kind "determinism": the same input run twice;
 * - kind "summary": every target with its measured figure and whether it was met.
 * Seeded throughout; the figures depend on the machine and its load, not on luck.
 */
import { cpus, loadavg } from 'node:os';
import { alternativesForSlot, sequenceMontage } from '../../lib/sequencer';
import { midLines } from './mid-pools';
import { optimumLines } from './optimum';
import { growthLine, scaleLines } from './scale';
import { SCENARIOS } from './scenarios';
import { print, quantile, round, timeRun } from './stats';
import { syntheticPool } from './synthetic-pool';

function warmUp(): void {
  for (const scenario of SCENARIOS) {
    const pool = syntheticPool({ size: 10_000, seed: 999, withRockyAnchors: scenario.withRockyAnchors });
    for (let k = 0; k < 3; k += 1) sequenceMontage(pool, scenario.workout);
  }
}

function determinismLine() {
  const scenario = SCENARIOS[0]!;
  const pool = syntheticPool({ size: 10_000, seed: 7, withRockyAnchors: true });
  const ids = () => sequenceMontage(pool, scenario.workout).tracks.map((t) => `${t.track.id}@${t.multiplier}`).join(',');
  const copy = syntheticPool({ size: 10_000, seed: 7, withRockyAnchors: true });
  const again = sequenceMontage(copy, scenario.workout).tracks.map((t) => `${t.track.id}@${t.multiplier}`).join(',');
  const identical = ids() === ids() && ids() === again;
  print({ kind: 'determinism', poolSize: 10_000, runs: 3, identical });
  return identical;
}

/** A 10-hour target at 10,000 tracks (the work bound), and the alternatives for each place of a 60-minute montage. */
function editsAndLongLines() {
  const scenario = SCENARIOS[0]!;
  const longTimes: number[] = [];
  let longShort = 0;
  for (let seed = 1; seed <= 3; seed += 1) {
    const pool = syntheticPool({ size: 10_000, seed, withRockyAnchors: true });
    const timed = timeRun(() => sequenceMontage(pool, { ...scenario.workout, lengthMs: 10 * 3_600_000, toleranceMs: 10 * 3_600_000 * 0.05 }));
    longTimes.push(timed.ms);
    if (timed.result.shortfallMs > 0) longShort += 1;
  }
  longTimes.sort((a, b) => a - b);
  print({ kind: 'long-target', poolSize: 10_000, targetHours: 10, runs: longTimes.length, medianMs: round(quantile(longTimes, 0.5)), worstMs: round(longTimes[longTimes.length - 1]!), short: longShort });
  // A day over 100,000 tracks of unknown tempo: every track a filler, so only their lengths can fill it (issue 28: was 20.8 h short).
  const untimed = syntheticPool({ size: 100_000, seed: 24, unknownTempoShare: 1 });
  const day = timeRun(() => sequenceMontage(untimed, { ...scenario.workout, lengthMs: 24 * 3_600_000, toleranceMs: 24 * 3_600_000 * 0.05 }));
  print({ kind: 'long-target', poolSize: 100_000, unknownTempo: true, targetHours: 24, ms: round(day.ms), shortfallMs: day.result.shortfallMs, totalHours: round(day.result.totalMs / 3_600_000) });
  const pool = syntheticPool({ size: 10_000, seed: 5, withRockyAnchors: true });
  const montage = sequenceMontage(pool, scenario.workout).tracks.map((t) => t.track.id);
  const times: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    for (let at = 0; at < montage.length; at += 1) times.push(timeRun(() => alternativesForSlot(pool, scenario.workout, montage, at, 10)).ms);
  }
  times.sort((a, b) => a - b);
  const line = { kind: 'alternatives', poolSize: 10_000, queries: times.length, medianMs: round(quantile(times, 0.5)), p95Ms: round(quantile(times, 0.95)), worstMs: round(times[times.length - 1]!) };
  print(line);
  return { longWorstMs: longTimes[longTimes.length - 1]!, alternativesP95Ms: line.p95Ms, dayMs: day.ms, dayShortMs: day.result.shortfallMs };
}

const startedAt = performance.now();
const load = loadavg()[0]!;
warmUp();
const lines = scaleLines();
growthLine(lines);
const optimumFamilies = optimumLines();
const optimum = {
  medianRatio: Math.max(...optimumFamilies.map((l) => l.medianRatio)),
  p99Ratio: Math.max(...optimumFamilies.map((l) => l.p99Ratio)),
  worstRatio: Math.max(...optimumFamilies.map((l) => l.worstRatio)),
  differentOnConstraints: optimumFamilies.reduce((sum, l) => sum + l.differentOnConstraints, 0),
};
const mid = midLines();
const edits = editsAndLongLines();
const deterministic = determinismLine();
const at = (size: number) => lines.filter((l) => l.poolSize === size);
const worstMedian = (size: number) => Math.max(...at(size).map((l) => l.medianMs));
const worstP95 = (size: number) => Math.max(...at(size).map((l) => l.p95Ms));
print({
  kind: 'summary',
  machine: { cpus: cpus().length, loadAverageAtStart: round(load, 2), node: process.version },
  targets: {
    'optimum median ratio = 1.00 (every family)': { measured: optimum.medianRatio, met: optimum.medianRatio <= 1.005 },
    'optimum p99 ratio ≤ 1.01 (every family)': { measured: optimum.p99Ratio, met: optimum.p99Ratio <= 1.01 },
    'optimum worst ratio ≤ 1.10 (every family)': { measured: optimum.worstRatio, met: optimum.worstRatio <= 1.1 },
    'same rules before cost as the exact optimum (every instance)': { measured: optimum.differentOnConstraints, met: optimum.differentOnConstraints === 0 },
    'pools of 18–90: median ratio = 1.00 (every family)': { measured: Math.max(...mid.map((l) => l.medianRatio)), met: mid.every((l) => l.medianRatio <= 1.005) },
    'pools of 18–90: p99 ratio ≤ 1.01 (every family)': { measured: Math.max(...mid.map((l) => l.p99Ratio)), met: mid.every((l) => l.p99Ratio <= 1.01) },
    'pools of 18–90: worst ratio ≤ 1.10 (every family)': { measured: Math.max(...mid.map((l) => l.worstRatio)), met: mid.every((l) => l.worstRatio <= 1.1) },
    'pools of 18–90: never worse on a rule before cost, never short where the reference is not': {
      measured: mid.reduce((sum, l) => sum + l.worseOnRules + l.short, 0),
      met: mid.every((l) => l.worseOnRules === 0 && l.short === 0),
    },
    '10-hour target, 10,000 tracks ≤ 1 s (worst of 3)': { measured: round(edits.longWorstMs), met: edits.longWorstMs <= 1000 },
    '24-hour target, 100,000 tracks of unknown tempo: not short, ≤ 1 s': { measured: round(edits.dayMs), met: edits.dayShortMs === 0 && edits.dayMs <= 1000 },
    'alternatives for a place, 10,000 tracks: p95 ≤ 20 ms': { measured: edits.alternativesP95Ms, met: edits.alternativesP95Ms <= 20 },
    'lower than both baselines on every pool of every size': { met: lines.every((l) => l.allWins) },
    '10,000 tracks, 60 min: median ≤ 20 ms (worst scenario)': { measured: worstMedian(10_000), met: worstMedian(10_000) <= 20 },
    '10,000 tracks, 60 min: p95 ≤ 50 ms (worst scenario)': { measured: worstP95(10_000), met: worstP95(10_000) <= 50 },
    '100,000 tracks, 60 min: median ≤ 150 ms (worst scenario)': { measured: worstMedian(100_000), met: worstMedian(100_000) <= 150 },
    deterministic: { met: deterministic },
  },
  benchSeconds: round((performance.now() - startedAt) / 1000),
});
