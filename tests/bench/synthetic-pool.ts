import { ROCKY_IV_CATALOG, catalogTrackId } from '../../lib/catalog/rocky-iv';
import type { PoolTrack } from '../../lib/domain/types';
import { seededRandom, type Random } from '../../lib/sequencer/random';

/**
 * A seeded library of synthetic tracks with realistic spreads:
 * - tempo: a mix of styles (ballads ~75, hip-hop ~92, pop/rock ~118, dance ~126, drum & bass ~172
 *   BPM, each with its own spread), clamped to 55..210 BPM, 3 decimals like analysis output;
 *   `unknownTempoShare` of tracks have no tempo at all;
 * - length: log-normal around 3:35 (σ 0.28), clamped to 1:00..12:00, whole ms; 0.5 % without a length;
 * - artists: Zipf-like, about one artist per six tracks.
 */
export interface SyntheticPoolOptions {
  size: number;
  seed: number;
  unknownTempoShare?: number;
  /** Put the Rocky IV catalog (the app's anchors) first, counted in `size`. */
  withRockyAnchors?: boolean;
}

const STYLES = [
  { share: 0.12, mean: 75, sd: 8 },
  { share: 0.18, mean: 92, sd: 7 },
  { share: 0.4, mean: 118, sd: 14 },
  { share: 0.22, mean: 126, sd: 5 },
  { share: 0.08, mean: 172, sd: 5 },
] as const;

export function syntheticPool(options: SyntheticPoolOptions): PoolTrack[] {
  const random = seededRandom(options.seed);
  const unknownShare = options.unknownTempoShare ?? 0.15;
  const pool: PoolTrack[] = [];
  if (options.withRockyAnchors) {
    for (const t of ROCKY_IV_CATALOG) {
      pool.push({ id: catalogTrackId(t.number), title: t.title, artist: t.artist, durationMs: t.durationMs, bpm: t.bpm, isAnchor: true });
    }
  }
  const artists = Math.max(2, Math.round(options.size / 6));
  while (pool.length < options.size) {
    const n = pool.length;
    pool.push({
      id: `syn-${options.seed}-${n}`,
      title: `Track ${n}`,
      artist: `Artist ${zipf(random, artists)}`,
      durationMs: random.next() < 0.005 ? null : Math.round(clamp(215_000 * Math.exp(0.28 * gaussian(random)), 60_000, 720_000)),
      bpm: random.next() < unknownShare ? null : Math.round(clamp(styleTempo(random), 55, 210) * 1000) / 1000,
      isAnchor: false,
    });
  }
  return pool;
}

function styleTempo(random: Random): number {
  let u = random.next();
  for (const style of STYLES) {
    if (u < style.share) return style.mean + style.sd * gaussian(random);
    u -= style.share;
  }
  const last = STYLES[STYLES.length - 1]!;
  return last.mean + last.sd * gaussian(random);
}

/** Standard normal by Box–Muller. */
export function gaussian(random: Random): number {
  const u = Math.max(1e-12, random.next());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}

/** 1..n with probability ∝ 1/k (inverse of the harmonic CDF, approximately). */
function zipf(random: Random, n: number): number {
  const h = Math.log(n) + 0.5772;
  return Math.min(n, Math.max(1, Math.floor(Math.exp(random.next() * h - 0.5772))));
}

function clamp(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, x));
}
