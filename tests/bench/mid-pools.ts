import { sequenceMontage } from '../../lib/sequencer';
import { toProblem, type Problem } from '../../lib/sequencer/problem';
import { compareScores, scoreOrder, type Score } from '../../lib/sequencer/score';
import { exactReference } from './exact-reference';
import { LARGE_FAMILIES, MID_FAMILIES, midInstance, type MidFamily } from './mid-instances';
import { print, quantile, round, timeRun } from './stats';

/** Long searches whose best is the reference of a large pool (and the exact reference's first incumbent). */
const LONG_SEEDS = [11, 22, 33];
const LONG_ROUNDS = 400;

export interface MidLine {
  family: MidFamily;
  instances: number;
  reference: 'exact' | 'best of long searches';
  proven: number;
  medianRatio: number;
  p99Ratio: number;
  worstRatio: number;
  worseOnRules: number;
  short: number;
  worstSeed: number;
  meanOursMs: number;
}

const indexOf = (p: Problem, tracks: readonly { track: unknown }[]) => tracks.map((t) => p.tracks.indexOf(t.track as never));

/** The best (by `compareScores`) of the long searches over `p`'s pool. */
function longSearchBest(p: Problem, pool: Parameters<typeof sequenceMontage>[0], workout: Parameters<typeof sequenceMontage>[1]): { order: number[]; score: Score } {
  let best: { order: number[]; score: Score } | null = null;
  for (const seed of LONG_SEEDS) {
    const order = indexOf(p, sequenceMontage(pool, workout, { seed, rounds: LONG_ROUNDS }).tracks);
    const score = scoreOrder(p, order);
    if (best === null || compareScores(score, best.score) < 0) best = { order, score };
  }
  return best!;
}

/**
 * Ours (the default run) against the reference on `instances` seeded instances of `family`: the
 * exact optimum for `mid-*` (see `exactReference`; `proven` counts those it proved), the best of
 * long searches for `large-*`. Ratio of costs (1e-9 added to both keeps a zero optimum finite),
 * instances worse than the reference on a rule before cost, and instances short of the window
 * where the reference is not.
 */
export function midLine(family: MidFamily, instances: number): MidLine {
  const ratios: number[] = [];
  const worst = { ratio: 0, seed: -1 };
  let worseOnRules = 0;
  let short = 0;
  let proven = 0;
  let oursMs = 0;
  const isLarge = family.startsWith('large');
  for (let seed = 1; seed <= instances; seed += 1) {
    const { pool, workout } = midInstance(seed, family);
    const p = toProblem(pool, workout);
    const timed = timeRun(() => sequenceMontage(pool, workout));
    oursMs += timed.ms;
    const ours = scoreOrder(p, indexOf(p, timed.result.tracks));
    let reference = longSearchBest(p, pool, workout);
    if (compareScores(ours, reference.score) < 0) reference = { order: indexOf(p, timed.result.tracks), score: ours };
    if (!isLarge) {
      const exact = exactReference(p, reference.order);
      if (exact.proven) proven += 1;
      if (compareScores(exact.score, reference.score) < 0) reference = exact;
    }
    const rules = (s: Score) => ({ ...s, cost: 0 });
    if (compareScores(rules(ours), rules(reference.score)) > 0) worseOnRules += 1;
    if (ours.shortfallMs > 0 && reference.score.shortfallMs === 0) short += 1;
    const ratio = (ours.cost + 1e-9) / (reference.score.cost + 1e-9);
    if (ratio > worst.ratio) Object.assign(worst, { ratio, seed });
    ratios.push(ratio);
  }
  ratios.sort((a, b) => a - b);
  const line: MidLine = {
    family,
    instances,
    reference: isLarge ? 'best of long searches' : 'exact',
    proven,
    medianRatio: round(quantile(ratios, 0.5), 4),
    p99Ratio: round(quantile(ratios, 0.99), 4),
    worstRatio: round(ratios[ratios.length - 1]!, 4),
    worseOnRules,
    short,
    worstSeed: worst.seed,
    meanOursMs: round(oursMs / instances),
  };
  print({ kind: 'mid-pools', ...line });
  return line;
}

/** Every family of mid-instances.ts, one line each. */
export function midLines(instances = { mid: 100, large: 40 }): MidLine[] {
  return [...MID_FAMILIES.map((f) => midLine(f, instances.mid)), ...LARGE_FAMILIES.map((f) => midLine(f, instances.large))];
}
