import { sequenceMontage } from '../../lib/sequencer';
import { toProblem } from '../../lib/sequencer/problem';
import { compareScores, scoreOrder } from '../../lib/sequencer/score';
import { hungarianOrder } from './baselines/hungarian-slots';
import { sortByBpmOrder } from './baselines/sort-by-bpm';
import { anchorLowerBound } from './lower-bound';
import { MONTAGE_MS, SCENARIOS } from './scenarios';
import { mean, print, quantile, round, timeRun } from './stats';
import { syntheticPool } from './synthetic-pool';

export const SIZES = [100, 1_000, 10_000, 100_000] as const;
const POOLS_PER_SIZE: Record<number, number> = { 100: 12, 1_000: 12, 10_000: 12, 100_000: 5 };
const TIMED_RUNS_PER_POOL: Record<number, number> = { 100: 3, 1_000: 3, 10_000: 3, 100_000: 4 };

export interface ScaleLine {
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

/**
 * Per pool size and scenario: run time of `sequenceMontage` over seeded pools (each run once
 * untimed, then timed), our cost and the baselines' on the same pools; prints one line each.
 */
export function scaleLines(): ScaleLine[] {
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


/** How the median run time grows with pool size, as an exponent between neighbouring sizes. */
export function growthLine(lines: readonly ScaleLine[]): Record<string, number> {
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
