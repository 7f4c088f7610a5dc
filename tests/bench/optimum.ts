import { exactOptimum, sequenceMontage } from '../../lib/sequencer';
import { toProblem } from '../../lib/sequencer/problem';
import { compareScores, scoreOrder } from '../../lib/sequencer/score';
import { FAMILIES, smallInstance, type Family } from './small-instances';
import { print, quantile, round, timeRun } from './stats';

const SMALL_INSTANCES = 400;

/**
 * Ours against the exact optimum on `SMALL_INSTANCES` seeded small instances: the ratio of costs
 * (a tiny epsilon keeps a zero optimum finite), and how often the two differ on a rule before cost.
 */
export function optimumLine(family: Family = 'app') {
  const ratios: number[] = [];
  const worst = { ratio: 0, seed: -1 };
  let worseOnConstraints = 0;
  let exactMs = 0;
  let oursMs = 0;
  for (let seed = 0; seed < SMALL_INSTANCES; seed += 1) {
    const { pool, workout } = smallInstance(seed, family);
    const exact = timeRun(() => exactOptimum(pool, workout));
    const ours = timeRun(() => sequenceMontage(pool, workout));
    exactMs += exact.ms;
    oursMs += ours.ms;
    const p = toProblem(pool, workout);
    const score = scoreOrder(p, ours.result.tracks.map((t) => p.tracks.indexOf(t.track)));
    if (compareScores({ ...score, cost: 0 }, { ...exact.result.score, cost: 0 }) !== 0) worseOnConstraints += 1;
    const ratio = (score.cost + 1e-9) / (exact.result.score.cost + 1e-9);
    if (ratio > worst.ratio) Object.assign(worst, { ratio, seed });
    ratios.push(ratio);
  }
  ratios.sort((a, b) => a - b);
  const line = {
    kind: 'optimum',
    family,
    instances: SMALL_INSTANCES,
    poolTracks: '6..10',
    medianRatio: round(quantile(ratios, 0.5), 6),
    p95Ratio: round(quantile(ratios, 0.95), 6),
    p99Ratio: round(quantile(ratios, 0.99), 6),
    worstRatio: round(ratios[ratios.length - 1]!, 6),
    atOptimum: ratios.filter((r) => r <= 1 + 1e-9).length,
    differentOnConstraints: worseOnConstraints,
    worstSeed: worst.seed,
    meanExactMs: round(exactMs / SMALL_INSTANCES),
    meanOursMs: round(oursMs / SMALL_INSTANCES),
  };
  print(line);
  return line;
}

/** Every family of `FAMILIES`, one line each. */
export function optimumLines() {
  return FAMILIES.map((family) => optimumLine(family));
}
