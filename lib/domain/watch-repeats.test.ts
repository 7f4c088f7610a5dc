import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldRepeats, type WatchBlock } from './watch-repeats';
import type { WatchStep } from './watch-workout';

const step = (name: string, durationMs: number, kind: 'work' | 'rest' = 'work', notes = ''): WatchStep => ({
  name,
  durationMs,
  kind,
  intensity: kind === 'rest' ? 'rest' : 'hard',
  notes,
  cadenceSpm: null,
});
const unfold = (blocks: WatchBlock[]) => blocks.flatMap((b) => (b.kind === 'step' ? [b.step] : Array.from({ length: b.times }, () => b.steps).flat()));

describe('folding a watch workout’s repeated rounds', () => {
  it('folds HIIT rounds into one work/rest group done n times, keeping the different steps around it', () => {
    const rounds = Array.from({ length: 8 }, () => [step('Burpees', 40_000, 'work', '♪ War'), step('Rest', 20_000, 'rest', '♪ War')]).flat();
    const steps = [step('Warm-up', 60_000), ...rounds, step('Burpees', 55_000, 'work', '♪ War'), step('Rest', 20_000, 'rest', '♪ Burning Heart')];
    const blocks = foldRepeats(steps);
    expect(blocks.map((b) => (b.kind === 'step' ? b.step.name : `${b.steps.map((s) => s.name).join('+')} ×${b.times}`))).toEqual(['Warm-up', 'Burpees+Rest ×8', 'Burpees', 'Rest']);
    expect(unfold(blocks)).toEqual(steps);
  });

  it('leaves steps that differ in anything a watch shows (length, name, notes) unfolded', () => {
    const steps = [step('Burpees', 40_000), step('Rest', 20_000, 'rest'), step('Burpees', 41_000), step('Rest', 20_000, 'rest'), step('Squats', 40_000), step('Rest', 20_000, 'rest', 'breathe')];
    expect(foldRepeats(steps).every((b) => b.kind === 'step')).toBe(true);
  });

  it('gives back every step in order when unfolded, and never more messages than steps', () => {
    const names = ['Burpees', 'Rest', 'Squats'];
    fc.assert(
      fc.property(fc.array(fc.record({ name: fc.constantFrom(...names), seconds: fc.constantFrom(20, 40) }), { maxLength: 40 }), (drawn) => {
        const steps = drawn.map((d) => step(d.name, d.seconds * 1000, d.name === 'Rest' ? 'rest' : 'work'));
        const blocks = foldRepeats(steps);
        expect(unfold(blocks)).toEqual(steps);
        const messages = blocks.reduce((n, b) => n + (b.kind === 'step' ? 1 : b.steps.length + 1), 0);
        expect(messages).toBeLessThanOrEqual(steps.length);
      }),
      { numRuns: 300, seed: 32 },
    );
  });
});
