import type { SearchContext } from './local-search';
import { moveItem, swapItems } from './order-state';
import type { Random } from './random';
import { isSmallPool } from './search-context';
import { nearestTracks } from './tempo-index';

/**
 * Two to four random moves: swap two tracks, move one, replace a track by an unused one (an
 * anchor by an anchor), insert an unused track, or drop a non-anchor. Unused tracks come from
 * near the curve's tempo at that point (any unused track in a small pool). The local search then
 * repairs the length. `withFillers`: tracks of unknown tempo may come in too (the montage is short
 * or already holds some). Changes `order` in place.
 */
export function kick(ctx: SearchContext, order: number[], random: Random, withFillers: boolean): void {
  const { p } = ctx;
  const moves = 2 + random.below(3);
  const candidates: number[] = [];
  const isSmall = isSmallPool(p);
  /** An unused track for position `at`: any one in a small pool (fillers and anchors included), else one of the tempo-nearest or a filler. */
  const unused = (at: number, lengthMs: number): number | undefined => {
    if (isSmall) {
      candidates.length = 0;
      for (let i = 0; i < p.tracks.length; i += 1) if (!order.includes(i)) candidates.push(i);
      return candidates[random.below(Math.max(1, candidates.length))];
    }
    let startMs = 0;
    let totalMs = 0;
    order.forEach((t, k) => {
      if (k < at) startMs += p.durationMs[t]!;
      totalMs += p.durationMs[t]!;
    });
    const total = Math.max(1, totalMs);
    const target = p.curve.between(startMs / total, (startMs + lengthMs) / total);
    nearestTracks(ctx.index, target, ctx.candidateCount * 2, (i) => order.includes(i), candidates);
    if (withFillers) for (const f of ctx.fillers) if (!order.includes(f)) candidates.push(f);
    return candidates[random.below(Math.max(1, candidates.length))];
  };
  for (let m = 0; m < moves; m += 1) {
    const a = random.below(Math.max(1, order.length));
    const b = random.below(Math.max(1, order.length));
    const kind = random.below(5);
    const track = order[a];
    if (kind === 0 && order.length > 1) swapItems(order, a, b);
    else if (kind === 1 && order.length > 1) moveItem(order, a, b);
    else if (kind === 2 && track !== undefined && p.isAnchor[track]) {
      // Another anchor in its place: the only way to change which anchors play when not all fit.
      const spare = p.anchors.filter((x) => !order.includes(x));
      if (spare.length > 0) order[a] = spare[random.below(spare.length)]!;
    } else if (kind === 2 && track !== undefined) {
      const c = unused(a, p.durationMs[track]!);
      if (c !== undefined) order[a] = c;
    } else if (kind === 3) {
      const c = unused(a, ctx.typicalMs);
      if (c !== undefined) order.splice(a, 0, c);
    } else if (kind === 4 && track !== undefined && !p.isAnchor[track]) order.splice(a, 1);
  }
}
