import { describe, expect, it } from 'vitest';
import { formatTempo, tempoFit } from './tempo-fit';

describe('tempoFit', () => {
  it('says a tempo within 3 % of the target fits, either side', () => {
    expect(tempoFit(172, 170)).toEqual({ fits: true, offPercent: 1, label: 'fits' });
    expect(tempoFit(165, 170).fits).toBe(true);
    expect(tempoFit(175.1, 170).fits).toBe(true);
    // Exactly 3 % off still fits.
    expect(tempoFit(103, 100)).toEqual({ fits: true, offPercent: 3, label: 'fits' });
    expect(tempoFit(97, 100)).toEqual({ fits: true, offPercent: -3, label: 'fits' });
  });
  it('names how far and which way a tempo misses', () => {
    expect(tempoFit(180, 170)).toEqual({ fits: false, offPercent: 6, label: '6 % fast' });
    expect(tempoFit(150, 170)).toEqual({ fits: false, offPercent: -12, label: '12 % slow' });
    expect(tempoFit(175.4, 170).label).toBe('3 % fast');
  });
  it('formats the tempo in the workout’s unit', () => {
    expect(formatTempo(171.6, 'spm')).toBe('172 spm');
    expect(formatTempo(118.2, 'BPM')).toBe('118 BPM');
  });
});
