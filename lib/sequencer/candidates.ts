import type { Problem } from './problem';
import type { SearchContext } from './local-search';
import type { Score } from './score';
import { nearestByLength } from './length-index';
import { nearestTracks } from './tempo-index';

/** Unused tracks worth trying in place of `order[at]`: anchors for an anchor, else the tempo-nearest. */
export function replacementsFor(ctx: SearchContext, order: number[], at: number, score: Score, used: Uint8Array, out: number[]): number[] {
  const { p } = ctx;
  const track = order[at]!;
  const startMs = startOf(p, order, at);
  const total = score.totalMs > 0 ? score.totalMs : 1;
  const target = p.curve.between(startMs / total, (startMs + p.durationMs[track]!) / total);
  if (p.isAnchor[track]) {
    nearestTracks(ctx.anchorIndex, target, ctx.candidateCount, (i) => used[i] === 1, out);
    for (const a of ctx.untimedAnchors) if (!used[a]) out.push(a);
    return out;
  }
  nearestTracks(ctx.index, target, ctx.candidateCount, (i) => used[i] === 1, out);
  if (score.shortfallMs > 0 || p.isFiller[track]) addFillers(ctx, used, out, score.shortfallMs + p.durationMs[track]!);
  return out;
}

/** Unused tracks worth inserting at `at`: missing anchors, the tempo-nearest, fillers when short. */
export function insertionsAt(ctx: SearchContext, order: number[], at: number, score: Score, used: Uint8Array, out: number[]): number[] {
  const { p } = ctx;
  const roomMs = p.maxMs - score.totalMs;
  out.length = 0;
  if (roomMs <= 0) return out;
  const startMs = startOf(p, order, at);
  const total = score.totalMs + ctx.typicalMs;
  const target = p.curve.between(startMs / total, (startMs + ctx.typicalMs) / total);
  const isTaken = (i: number) => used[i] === 1 || p.durationMs[i]! > roomMs;
  nearestTracks(ctx.index, target, ctx.candidateCount, isTaken, out, ctx.candidateCount * 4);
  if (score.anchorsMissing > 0) {
    const anchors = nearestTracks(ctx.anchorIndex, target, ctx.candidateCount, isTaken, [], ctx.candidateCount * 4);
    for (const a of [...anchors, ...ctx.untimedAnchors]) if (!isTaken(a)) out.push(a);
  }
  if (score.shortfallMs > 0) addFillers(ctx, used, out, Math.min(score.shortfallMs, roomMs));
  return out;
}

/** Unused fillers nearest in length to what a move closing a shortfall needs, beside the spread. */
const FILLERS_BY_NEED = 2;

/**
 * The unused fillers of the spread (`ctx.fillers`), then the unused ones nearest `needMs` in length:
 * once the spread is all placed, a montage that is still short reaches the others by the length it needs.
 */
function addFillers(ctx: SearchContext, used: Uint8Array, out: number[], needMs: number): void {
  for (const f of ctx.fillers) if (!used[f]) out.push(f);
  nearestByLength(ctx.fillerLengths, needMs, FILLERS_BY_NEED, (i) => used[i] === 1, out);
}

function startOf(p: Problem, order: readonly number[], at: number): number {
  let startMs = 0;
  for (let k = 0; k < at; k += 1) startMs += p.durationMs[order[k]!]!;
  return startMs;
}
