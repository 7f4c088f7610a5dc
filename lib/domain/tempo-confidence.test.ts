import { describe, expect, it } from 'vitest';
import { needsConfirmation, questionLabel, TRUSTED_CONFIDENCE } from './tempo-confidence';

describe('needsConfirmation', () => {
  it('takes a confident estimate inside the range as fact', () => {
    expect(needsConfirmation({ bpm: 170, confidence: 0.8 })).toBe(false);
    expect(needsConfirmation({ bpm: 85, confidence: TRUSTED_CONFIDENCE })).toBe(false);
  });

  it('asks about a doubtful estimate', () => {
    expect(needsConfirmation({ bpm: 113.3, confidence: TRUSTED_CONFIDENCE - 0.01 })).toBe(true);
  });

  it('asks about an estimate on an edge of the detector range, however confident', () => {
    expect(needsConfirmation({ bpm: 80.2, confidence: 0.95 })).toBe(true);
    expect(needsConfirmation({ bpm: 189.9, confidence: 0.95 })).toBe(true);
  });

  it('leaves values stored before the detector gave a confidence as they were', () => {
    expect(needsConfirmation({ bpm: 113.3, confidence: null })).toBe(false);
  });
});

describe('questionLabel', () => {
  it('asks with a whole number, since the doubt is larger than a decimal', () => {
    expect(questionLabel(113.3)).toBe('≈ 113 BPM? tap to check');
  });
});
