import { describe, expect, it } from 'vitest';
import { addTap, estimateTapTempo, MAX_GAP_MS } from './tap';

/** Tap tempo on the edges a tapper hits: a pause of exactly the limit, a double tap, the fifth tap. */
describe('tap tempo edges', () => {
  it('keeps the run after a pause of exactly the limit, and restarts on a tap at the same instant', () => {
    expect(addTap([0, 500], 500 + MAX_GAP_MS)).toEqual([0, 500, 500 + MAX_GAP_MS]);
    expect(addTap([0, 500], 500)).toEqual([500]);
    expect(addTap([], 42)).toEqual([42]);
  });

  it('is settling for four even taps and steady from the fifth', () => {
    const taps = [0, 500, 1000, 1500, 2000];
    expect(estimateTapTempo(taps.slice(0, 4))).toMatchObject({ bpm: 120, taps: 4, steadiness: 'settling' });
    expect(estimateTapTempo(taps)).toMatchObject({ bpm: 120, taps: 5, steadiness: 'steady' });
  });

  it('gives the spread in BPM of uneven taps', () => {
    // Intervals 450 and 550 around a 500 ms beat: 10 % off, so ±12 BPM at 120 BPM.
    const estimate = estimateTapTempo([0, 450, 1000, 1450, 2000])!;
    expect(estimate.bpm).toBeCloseTo(120, 6);
    expect(estimate.spreadBpm).toBeCloseTo(12, 6);
    expect(estimate.steadiness).toBe('unsteady');
  });

  it('has no tempo for taps that do not move forward', () => {
    expect(estimateTapTempo([1000, 1000, 1000])).toBeNull();
    expect(estimateTapTempo([2000, 1000])).toBeNull();
  });
});
