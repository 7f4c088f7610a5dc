import { describe, expect, it } from 'vitest';
import { addTap, estimateTapTempo, MAX_GAP_MS, MAX_TAPS } from './tap';

const tapsAt = (bpm: number, count: number, startMs = 1000, jitter: (i: number) => number = () => 0) =>
  Array.from({ length: count }, (_, i) => startMs + (i * 60_000) / bpm + jitter(i));

describe('estimateTapTempo', () => {
  it('needs two taps, and two are enough for a first tempo', () => {
    expect(estimateTapTempo([])).toBeNull();
    expect(estimateTapTempo([500])).toBeNull();
    expect(estimateTapTempo([500, 1000])).toEqual({ bpm: 120, taps: 2, spreadBpm: 0, steadiness: 'settling' });
  });

  it('finds the tempo of even taps, steady once there are enough', () => {
    const estimate = estimateTapTempo(tapsAt(128, 8))!;
    expect(estimate.bpm).toBeCloseTo(128, 6);
    expect(estimate.spreadBpm).toBeCloseTo(0, 6);
    expect(estimate.steadiness).toBe('steady');
    expect(estimateTapTempo(tapsAt(128, 3))!.steadiness).toBe('settling');
  });

  it('stays within 1 BPM with ±15 ms of human jitter, and calls wild taps unsteady', () => {
    const human = estimateTapTempo(tapsAt(170, 16, 0, (i) => (i % 2 === 0 ? 15 : -15)))!;
    expect(Math.abs(human.bpm - 170)).toBeLessThan(1);
    const wild = estimateTapTempo(tapsAt(100, 10, 0, (i) => (i % 3) * 80))!;
    expect(wild.steadiness).toBe('unsteady');
    expect(wild.spreadBpm).toBeGreaterThan(4);
    // Steady means under 4 % of a beat: ±12 ms on a 300 ms beat is exactly 4 %, already unsteady.
    const edge = estimateTapTempo([0, 312, 600, 912, 1200])!;
    expect(edge.bpm).toBeCloseTo(200, 9);
    expect(edge.steadiness).toBe('unsteady');
  });
});

describe('addTap', () => {
  it('starts a new run after a pause or when time goes back', () => {
    expect(addTap([0, 500], 900)).toEqual([0, 500, 900]);
    expect(addTap([0, 500], 500 + MAX_GAP_MS + 1)).toEqual([500 + MAX_GAP_MS + 1]);
    expect(addTap([0, 500], 400)).toEqual([400]);
  });

  it('keeps only the latest taps', () => {
    let taps: number[] = [];
    for (let i = 0; i < MAX_TAPS + 5; i += 1) taps = addTap(taps, i * 400);
    expect(taps).toHaveLength(MAX_TAPS);
    expect(taps[0]).toBe(5 * 400);
  });
});
