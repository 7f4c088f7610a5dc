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
import { sequenceMontage } from '../../lib/sequencer';
import { optimumLine } from './optimum';
import { growthLine, scaleLines } from './scale';
import { SCENARIOS } from './scenarios';
import { print, round } from './stats';
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
