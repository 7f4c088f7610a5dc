/**
 * `npm run bench:sequencer`: prints one JSON object per line.
 * - kind "scale": per pool size (100 … 100,000 synthetic tracks) and 60-minute scenario, the run
 *   time of `sequenceMontage` (median, p95, wall clock, after warm-up) and the mean cost of ours
 *   and of the two baselines on the same pools, with how often ours was lower; with the Rocky
 *   anchors, also a proven lower bound on any montage's cost (see `anchorLowerBound`);
 * - kind "growth": how the median run time grows with pool size;
 * - kind "optimum": ours against the exact optimum on seeded small instances;
 * - kind "determinism": the same input run twice;
 * - kind "summary": every target with its measured figure and whether it was met.
 * Seeded throughout; the figures depend on the machine and its load, not on luck.
 */
import { cpus, loadavg } from 'node:os';
import { exactOptimum, sequenceMontage } from '../../lib/sequencer';
import { toProblem } from '../../lib/sequencer/problem';
import { compareScores, scoreOrder } from '../../lib/sequencer/score';
import { hungarianOrder } from './baselines/hungarian-slots';
import { anchorLowerBound } from './lower-bound';
import { sortByBpmOrder } from './baselines/sort-by-bpm';
import { MONTAGE_MS, SCENARIOS } from './scenarios';
import { smallInstance } from './small-instances';
import { syntheticPool } from './synthetic-pool';

const SIZES = [100, 1_000, 10_000, 100_000] as const;
const POOLS_PER_SIZE: Record<number, number> = { 100: 12, 1_000: 12, 10_000: 12, 100_000: 5 };
const TIMED_RUNS_PER_POOL: Record<number, number> = { 100: 3, 1_000: 3, 10_000: 3, 100_000: 4 };
const SMALL_INSTANCES = 400;

const print = (line: object) => console.log(JSON.stringify(line));
const round = (x: number, digits = 3) => Number(x.toPrecision(digits + 2));
const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function timeRun<T>(run: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
}

function warmUp(): void {
  for (const scenario of SCENARIOS) {
    const pool = syntheticPool({ size: 10_000, seed: 999, withRockyAnchors: scenario.withRockyAnchors });
    for (let k = 0; k < 3; k += 1) sequenceMontage(pool, scenario.workout);
  }
}

interface ScaleLine {
  poolSize: number;
  scenario: string;
  medianMs: number;
  p95Ms: number;
  cost: number;
  costSortByBpm: number;
  costHungarian: number;
  lowerThanSortByBpm: string;
  lowerThanHungarian: string;
  allWins: boolean;
}

function scaleLines(): ScaleLine[] {
  const lines: ScaleLine[] = [];
  for (const size of SIZES) {
    for (const scenario of SCENARIOS) {
      const times: number[] = [];
      const ours: number[] = [];
      const sortCosts: number[] = [];
      const hungarianCosts: number[] = [];
      let winsSort = 0;
      let winsHungarian = 0;
      let withinTolerance = 0;
      let totalMinutes = 0;
      const pools = POOLS_PER_SIZE[size]!;
      for (let seed = 1; seed <= pools; seed += 1) {
        const pool = syntheticPool({ size, seed, withRockyAnchors: scenario.withRockyAnchors });
        let result = sequenceMontage(pool, scenario.workout);
        for (let run = 0; run < TIMED_RUNS_PER_POOL[size]!; run += 1) {
          const timed = timeRun(() => sequenceMontage(pool, scenario.workout));
          times.push(timed.ms);
          result = timed.result;
        }
        const p = toProblem(pool, scenario.workout);
        const ourScore = scoreOrder(p, result.tracks.map((t) => p.tracks.indexOf(t.track)));
        const sortScore = scoreOrder(p, sortByBpmOrder(p, scenario.workout.curve));
        const hungarianScore = scoreOrder(p, hungarianOrder(p));
        ours.push(ourScore.cost);
        sortCosts.push(sortScore.cost);
        hungarianCosts.push(hungarianScore.cost);
        // "Lower" in the full order of criteria; the baselines ignore artist neighbours, so this is strict on us.
        if (compareScores(ourScore, sortScore) < 0) winsSort += 1;
        if (compareScores(ourScore, hungarianScore) < 0) winsHungarian += 1;
        if (result.shortfallMs === 0 && result.totalMs <= scenario.workout.lengthMs + scenario.workout.toleranceMs) withinTolerance += 1;
        totalMinutes += result.totalMs / 60_000;
      }
      times.sort((a, b) => a - b);
      const bound = scenario.withRockyAnchors ? anchorLowerBound(toProblem(syntheticPool({ size: 20, seed: 1, withRockyAnchors: true }), scenario.workout)) : null;
      const line: ScaleLine = {
        poolSize: size,
        scenario: scenario.name,
        medianMs: round(quantile(times, 0.5)),
        p95Ms: round(quantile(times, 0.95)),
        cost: round(mean(ours)),
        costSortByBpm: round(mean(sortCosts)),
        costHungarian: round(mean(hungarianCosts)),
        lowerThanSortByBpm: `${winsSort}/${pools}`,
        lowerThanHungarian: `${winsHungarian}/${pools}`,
        allWins: winsSort === pools && winsHungarian === pools,
      };
      print({
        kind: 'scale',
        ...line,
        montageMin: MONTAGE_MS / 60_000,
        meanTotalMin: round(totalMinutes / pools),
        withinTolerance: `${withinTolerance}/${pools}`,
        ...(bound === null ? {} : { anchorLowerBound: round(bound), costOverLowerBound: round(mean(ours) / bound) }),
        pools,
        timedRuns: times.length,
        costUnit: '(BPM or steps/min)² per ms, mean over pools',
      });
      lines.push(line);
    }
  }
  return lines;
}

function growthLine(lines: readonly ScaleLine[]): Record<string, number> {
  const medianAt = (size: number) => mean(lines.filter((l) => l.poolSize === size).map((l) => l.medianMs));
  const growth: Record<string, number> = {};
  for (let k = 1; k < SIZES.length; k += 1) {
    const from = SIZES[k - 1]!;
    const to = SIZES[k]!;
    growth[`${from}→${to}`] = round(Math.log(medianAt(to) / medianAt(from)) / Math.log(to / from), 2);
  }
  print({
    kind: 'growth',
    meanMedianMsBySize: Object.fromEntries(SIZES.map((s) => [s, round(medianAt(s))])),
    exponent: growth,
    note: 'exponent b in time ∝ size^b between neighbouring sizes',
  });
  return growth;
}

function optimumLine() {
  const ratios: number[] = [];
  let worseOnConstraints = 0;
  let exactMs = 0;
  let oursMs = 0;
  for (let seed = 0; seed < SMALL_INSTANCES; seed += 1) {
    const { pool, workout } = smallInstance(seed);
    const exact = timeRun(() => exactOptimum(pool, workout));
    const ours = timeRun(() => sequenceMontage(pool, workout));
    exactMs += exact.ms;
    oursMs += ours.ms;
    const p = toProblem(pool, workout);
    const score = scoreOrder(p, ours.result.tracks.map((t) => p.tracks.indexOf(t.track)));
    if (compareScores({ ...score, cost: 0 }, { ...exact.result.score, cost: 0 }) !== 0) worseOnConstraints += 1;
    ratios.push((score.cost + 1e-9) / (exact.result.score.cost + 1e-9));
  }
  ratios.sort((a, b) => a - b);
  const line = {
    kind: 'optimum',
    instances: SMALL_INSTANCES,
    poolTracks: '6..10',
    medianRatio: round(quantile(ratios, 0.5), 6),
    p95Ratio: round(quantile(ratios, 0.95), 6),
    worstRatio: round(ratios[ratios.length - 1]!, 6),
    atOptimum: ratios.filter((r) => r <= 1 + 1e-9).length,
    differentOnConstraints: worseOnConstraints,
    meanExactMs: round(exactMs / SMALL_INSTANCES),
    meanOursMs: round(oursMs / SMALL_INSTANCES),
  };
  print(line);
  return line;
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

const startedAt = performance.now();
const load = loadavg()[0]!;
warmUp();
const lines = scaleLines();
growthLine(lines);
const optimum = optimumLine();
const deterministic = determinismLine();
const at = (size: number) => lines.filter((l) => l.poolSize === size);
const worstMedian = (size: number) => Math.max(...at(size).map((l) => l.medianMs));
print({
  kind: 'summary',
  machine: { cpus: cpus().length, loadAverageAtStart: round(load, 2), node: process.version },
  targets: {
    'optimum median ratio ≤ 1.01': { measured: optimum.medianRatio, met: optimum.medianRatio <= 1.01 },
    'optimum worst ratio ≤ 1.10': { measured: optimum.worstRatio, met: optimum.worstRatio <= 1.1 },
    'lower than both baselines on every pool of every size': { met: lines.every((l) => l.allWins) },
    '10,000 tracks, 60 min: median ≤ 50 ms (worst scenario)': { measured: worstMedian(10_000), met: worstMedian(10_000) <= 50 },
    '100,000 tracks, 60 min: median ≤ 500 ms (worst scenario)': { measured: worstMedian(100_000), met: worstMedian(100_000) <= 500 },
    deterministic: { met: deterministic },
  },
  benchSeconds: round((performance.now() - startedAt) / 1000),
});
