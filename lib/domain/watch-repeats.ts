import type { WatchStep } from './watch-workout';

/** A run of the workout's steps: one step, or a few steps done `times` times in a row. */
export type WatchBlock = { kind: 'step'; step: WatchStep } | { kind: 'repeat'; steps: WatchStep[]; times: number };

/** Longest group of steps looked for as a repeat: a work and a rest, or work–rest–work–rest. */
const MAX_GROUP_STEPS = 4;

function isSameStep(a: WatchStep, b: WatchStep): boolean {
  return (
    a.name === b.name &&
    a.durationMs === b.durationMs &&
    a.kind === b.kind &&
    a.intensity === b.intensity &&
    a.notes === b.notes &&
    a.cadenceSpm?.low === b.cadenceSpm?.low &&
    a.cadenceSpm?.high === b.cadenceSpm?.high
  );
}

/** How many times in a row `steps[at .. at + size)` occurs from `at` on. */
function copiesFrom(steps: readonly WatchStep[], at: number, size: number): number {
  let copies = 1;
  for (;;) {
    const next = at + copies * size;
    if (next + size > steps.length) return copies;
    for (let k = 0; k < size; k += 1) if (!isSameStep(steps[at + k]!, steps[next + k]!)) return copies;
    copies += 1;
  }
}

/**
 * The steps with every run of identical groups folded into one repeat (HIIT's work/rest rounds:
 * "40 s work, 20 s rest" × 8 instead of 16 steps), so a watch shows "round 3 of 8" and the file
 * stays short. At each place the group that saves the most steps wins (the shorter on a tie);
 * steps that do not repeat stay single. Unfolding the blocks gives the steps back, in order.
 */
export function foldRepeats(steps: readonly WatchStep[]): WatchBlock[] {
  const blocks: WatchBlock[] = [];
  let at = 0;
  while (at < steps.length) {
    let best = { size: 1, copies: 1, saved: 0 };
    for (let size = 1; size <= MAX_GROUP_STEPS && at + 2 * size <= steps.length; size += 1) {
      const copies = copiesFrom(steps, at, size);
      // A repeat costs one message of its own: n copies of `size` steps become size + 1 messages.
      const saved = copies * size - (size + 1);
      if (copies >= 2 && saved > best.saved) best = { size, copies, saved };
    }
    if (best.saved > 0) {
      blocks.push({ kind: 'repeat', steps: steps.slice(at, at + best.size), times: best.copies });
      at += best.size * best.copies;
    } else {
      blocks.push({ kind: 'step', step: steps[at]! });
      at += 1;
    }
  }
  return blocks;
}
