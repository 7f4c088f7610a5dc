import { bandFlux } from './band-flux';
import { autocorrelation, autocorrelationAt, beatLag, combScore } from './tempogram';

/**
 * Tempo of decoded audio, in plain TypeScript (runs in the browser on a decoded file and in Node
 * in the tests and the bench).
 *
 * 1. Onset strength in four bands (band-flux.ts), each scaled to unit spread so a loud bass does
 *    not drown the snare, summed.
 * 2. Candidates: local maxima of a comb over the envelope's autocorrelation (tempogram.ts), every
 *    0.5 BPM across TEMPO_SEARCH_BPM.
 * 3. Octave rule. The best candidate's octave family (×½, ×1, ×2 within the range) is resolved
 *    on the kick and snare bands (under 800 Hz; hats left out). Starting from the slowest member,
 *    the onsets of each band are folded over its beat; each band's profile is taken relative to
 *    its own strongest phase and the bands merged by their maximum, so a snare counts as much as
 *    a kick whatever their levels. Double time is taken when the profile halfway between beats
 *    reaches OCTAVE_SPLIT of the profile on the beat. In words: the beat is the fastest pulse on
 *    which a kick or a snare lands every time; hats and a bass between beats do not double a
 *    tempo, a snare between two kicks does.
 * 4. The tempo is refined to 0.01 BPM on up to eight beats of lag.
 * 5. Confidence (0..1): the weaker of two margins. Salience: how far the chosen peak stands
 *    above the best candidate that is not an octave of it (1 − rival / best, the rival counting
 *    only its lags off the chosen tempo's eighth-note grid), scaled down when the beat itself is
 *    faint (comb score under CLEAR_PERIODICITY). Octave clarity: the distance of the octave
 *    rule's ratio from OCTAVE_SPLIT over OCTAVE_CLEAR_DISTANCE (1 when only one octave is in range),
 *    mapped onto OCTAVE_DOUBT_FLOOR..1: an octave in doubt lowers the confidence less than a rival.
 */

/** Tempos the detector answers with. Musical tempos outside it are found as their ×2 or ×½. */
export const TEMPO_SEARCH_BPM = { min: 80, max: 190 } as const;

/** Share of the on-beat profile that the half-beat profile must reach for the faster octave to be the beat. */
export const OCTAVE_SPLIT = 0.72;

/**
 * Confidence left when the octave rule could not decide at all: an octave error still lets the
 * sequencer play the track in half or double time, a tempo that is simply wrong does not.
 */
const OCTAVE_DOUBT_FLOOR = 0.4;
/** A ratio this far from OCTAVE_SPLIT (or further) decides the octave with no doubt. */
const OCTAVE_CLEAR_DISTANCE = 0.2;

/** At most this much of a recording is analysed (its middle): enough beats, bounded work. */
const MAX_ANALYSIS_SEC = 120;
/** Weight of each band of FLUX_BANDS_HZ in the envelope the candidates come from (hats count half). */
const BAND_WEIGHTS = [1, 1, 1, 0.5] as const;
/** Bands (of FLUX_BANDS_HZ) the octave rule reads: kick and snare, hats left out. */
const OCTAVE_BANDS: readonly number[] = [0, 1];
/** The band it reads instead when neither carries the beat (800–3000 Hz: clicks, snare crack). */
const FALLBACK_OCTAVE_BAND = 2;
/** Ratio of a band's strongest phase to its mean phase from which the band carries the beat. */
const BEAT_CONTRAST = 1.5;
const GRID_STEP_BPM = 0.5;
/** Candidates this close (relative) to an octave of the best one belong to its family. */
const OCTAVE_TOLERANCE = 0.04;
/** A lag within this share of a beat from the best tempo's eighth-note grid lies on it. */
const GRID_TOLERANCE = 0.04;
/** Comb score of a beat that is plainly there (a clear drum loop scores 0.5–0.9, noise under 0.05). */
const CLEAR_PERIODICITY = 0.25;
/** Frames either side of a beat where its onset may fall (±20 ms). */
const JITTER_FRAMES = 2;

export interface TempoEstimate {
  /** Beats per minute, within TEMPO_SEARCH_BPM, to 0.01. */
  bpm: number;
  /** 0..1: how sure the detector is of this tempo and its octave. */
  confidence: number;
  /** The tempo sits on an edge of TEMPO_SEARCH_BPM: the music's own may lie outside it. */
  isAtRangeEdge: boolean;
  /** The best candidate that is not an octave of `bpm` (null when none), for the record. */
  rivalBpm: number | null;
}

/** Mono mix of `channels`, cut to at most MAX_ANALYSIS_SEC from the middle. */
function monoMiddle(channels: readonly Float32Array[], sampleRate: number): Float32Array {
  const length = channels[0]?.length ?? 0;
  const keep = Math.min(length, Math.round(MAX_ANALYSIS_SEC * sampleRate));
  const from = Math.floor((length - keep) / 2);
  const mono = new Float32Array(keep);
  for (const channel of channels) for (let i = 0; i < keep; i += 1) mono[i]! += channel[from + i]! / channels.length;
  return mono;
}

/** Weighted sum of band envelopes, each first scaled to unit standard deviation. */
function mixBands(bands: readonly Float32Array[], weights: readonly number[]): Float32Array {
  const frames = bands[0]?.length ?? 0;
  const mixed = new Float32Array(frames);
  bands.forEach((band, b) => {
    const weight = weights[b] ?? 0;
    if (weight === 0) return;
    let mean = 0;
    for (const v of band) mean += v;
    mean /= frames;
    let variance = 0;
    for (const v of band) variance += (v - mean) ** 2;
    const deviation = Math.sqrt(variance / frames);
    if (deviation === 0) return;
    for (let i = 0; i < frames; i += 1) mixed[i]! += (weight * band[i]!) / deviation;
  });
  return mixed;
}

function isOctaveOf(bpm: number, of: number): boolean {
  return [0.5, 1, 2].some((m) => Math.abs(bpm / (of * m) - 1) <= OCTAVE_TOLERANCE);
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** The tempo of `channels` (same length, -1..1) at `sampleRate` Hz; null when there is no beat to find. */
export function estimateTempo(channels: readonly Float32Array[], sampleRate: number): TempoEstimate | null {
  const mono = monoMiddle(channels, sampleRate);
  const { bands, frameRateHz } = bandFlux(mono, sampleRate);
  const maxLag = Math.ceil(8 * beatLag(TEMPO_SEARCH_BPM.min, frameRateHz)) + 2;
  const acf = autocorrelation(mixBands(bands, BAND_WEIGHTS), maxLag);
  if (acf.length <= maxLag || acf[0] === 0) return null;

  const grid: { bpm: number; score: number }[] = [];
  for (let bpm = TEMPO_SEARCH_BPM.min; bpm <= TEMPO_SEARCH_BPM.max + 1e-9; bpm += GRID_STEP_BPM) grid.push({ bpm, score: combScore(acf, bpm, frameRateHz) });
  const peaks = grid.filter((point, i) => point.score > 0 && point.score >= (grid[i - 1]?.score ?? -Infinity) && point.score >= (grid[i + 1]?.score ?? -Infinity));
  if (peaks.length === 0) return null;
  peaks.sort((a, b) => b.score - a.score);
  const best = peaks[0]!;
  let rival: { bpm: number; score: number } | null = null;
  for (const peak of peaks) {
    if (isOctaveOf(peak.bpm, best.bpm)) continue;
    const score = unexplainedScore(acf, peak.bpm, best.bpm, frameRateHz);
    if (rival === null || score > rival.score) rival = { bpm: peak.bpm, score };
  }

  const { bpm: octaveBpm, clarity } = chooseOctave(best.bpm, bands, acf, frameRateHz);
  const bpm = refine(acf, octaveBpm, frameRateHz);
  const salience = clamp01(1 - (rival === null ? 0 : rival.score / best.score)) * clamp01(best.score / CLEAR_PERIODICITY);
  return {
    bpm: Math.round(bpm * 100) / 100,
    confidence: Math.round(Math.min(salience, OCTAVE_DOUBT_FLOOR + (1 - OCTAVE_DOUBT_FLOOR) * clarity) * 100) / 100,
    isAtRangeEdge: bpm - TEMPO_SEARCH_BPM.min < 1 || TEMPO_SEARCH_BPM.max - bpm < 1,
    rivalBpm: rival === null ? null : rival.bpm,
  };
}

/**
 * The comb score of `rivalBpm` counting only its lags that do not fall on `bestBpm`'s grid of
 * eighth notes: a tempo two thirds of the beat repeats every three eighths of a straight beat,
 * which the beat itself explains; a rival that repeats between them is a real doubt.
 */
function unexplainedScore(acf: Float64Array, rivalBpm: number, bestBpm: number, frameRateHz: number): number {
  const rivalLag = beatLag(rivalBpm, frameRateHz);
  const eighth = beatLag(bestBpm, frameRateHz) / 2;
  let sum = 0;
  for (let k = 1; k <= 4; k += 1) {
    const inEighths = (k * rivalLag) / eighth;
    if (Math.abs(inEighths - Math.round(inEighths)) * eighth <= GRID_TOLERANCE * 2 * eighth) continue;
    sum += Math.max(0, autocorrelationAt(acf, k * rivalLag));
  }
  return sum / 4;
}

/**
 * The octave rule (see the module comment): the member of `bpm`'s family in range that is the
 * beat, and how clearly the rule decided (0..1).
 */
function chooseOctave(bpm: number, bands: readonly Float32Array[], acf: Float64Array, frameRateHz: number): { bpm: number; clarity: number } {
  let slowest = bpm;
  while (slowest / 2 >= TEMPO_SEARCH_BPM.min - 1e-9) slowest /= 2;
  if (slowest * 2 > TEMPO_SEARCH_BPM.max) return { bpm: slowest, clarity: 1 };
  const period = beatLag(refine(acf, slowest, frameRateHz), frameRateHz);
  // Each band's folded profile relative to its own strongest phase, then the strongest band at
  // each phase: a snare counts as much as a kick, whatever their levels.
  const phases = Math.max(1, Math.round(period));
  const profiles = new Map(OCTAVE_BANDS.map((b) => [b, foldedProfile(bands[b]!, period)] as const));
  let beatBands = OCTAVE_BANDS.filter((b) => carriesBeat(profiles.get(b)!));
  // Music with nothing under 800 Hz (a click track): its next band decides.
  if (beatBands.length === 0) beatBands = [FALLBACK_OCTAVE_BAND].filter((b) => carriesBeat(profiles.get(b) ?? foldedProfile(bands[b]!, period)));
  const combined = new Float64Array(phases);
  for (const b of beatBands) {
    const profile = profiles.get(b) ?? foldedProfile(bands[b]!, period);
    const top = Math.max(...profile);
    profile.forEach((v, phase) => (combined[phase] = Math.max(combined[phase]!, v / top)));
  }
  let beatPhase = 0;
  combined.forEach((v, phase) => {
    if (v > combined[beatPhase]!) beatPhase = phase;
  });
  const atBeat = combined[beatPhase]!;
  if (atBeat <= 0) return { bpm: slowest, clarity: 0 };
  const atHalfBeat = combined[Math.round(beatPhase + period / 2) % phases]!;
  const ratio = atHalfBeat / atBeat;
  return { bpm: ratio >= OCTAVE_SPLIT ? slowest * 2 : slowest, clarity: clamp01(Math.abs(ratio - OCTAVE_SPLIT) / OCTAVE_CLEAR_DISTANCE) };
}

/** A band carries the beat when its strongest phase stands well above its average phase. */
function carriesBeat(profile: Float64Array): boolean {
  const mean = profile.reduce((sum, v) => sum + v, 0) / profile.length;
  return mean > 0 && Math.max(...profile) >= BEAT_CONTRAST * mean;
}

/**
 * Mean onset strength at each phase (whole frames) of a beat `period` frames long, each beat's
 * value the largest within ±JITTER_FRAMES (a drummer is a few ms early or late).
 */
function foldedProfile(envelope: Float32Array, period: number): Float64Array {
  const phases = Math.max(1, Math.round(period));
  const profile = new Float64Array(phases);
  const beats = Math.floor((envelope.length - JITTER_FRAMES - 1) / period);
  if (beats < 1) return profile;
  for (let phase = 0; phase < phases; phase += 1) {
    let sum = 0;
    for (let beat = 0; beat < beats; beat += 1) {
      const at = Math.round(phase + beat * period);
      let peak = 0;
      for (let i = Math.max(0, at - JITTER_FRAMES); i <= at + JITTER_FRAMES; i += 1) peak = Math.max(peak, envelope[i]!);
      sum += peak;
    }
    profile[phase] = sum / beats;
  }
  return profile;
}

/** `bpm` to 0.01, within ±2 %: the tempo whose first beats of lag (up to eight) line up best. */
function refine(acf: Float64Array, bpm: number, frameRateHz: number): number {
  const beats = Math.max(1, Math.floor((acf.length - 2) / beatLag(bpm * 0.98, frameRateHz)));
  const lanes = Math.min(8, beats);
  let best = bpm;
  let bestScore = -Infinity;
  for (let candidate = bpm * 0.98; candidate <= bpm * 1.02; candidate += 0.01) {
    const score = combScore(acf, candidate, frameRateHz, lanes);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
