import { describe, expect, it } from 'vitest';
import { DRAGO_LAB } from './exercises';
import { MODE_LABELS } from './workout';

describe("Drago's lab, as its montages show it", () => {
  it('is named in montage names and the mode picker', () => {
    expect(MODE_LABELS.drago).toBe("Drago's lab");
    expect(MODE_LABELS.versus).toBe('Rocky vs Drago');
  });

  it('runs the lab’s machines, each cue read off a monitor in capitals', () => {
    expect(DRAGO_LAB.map((e) => e.name)).toEqual(['Treadmill intervals', 'Bike sprints', 'Punch power', 'Leg extension machine', 'Incline treadmill', 'Chest press machine']);
    for (const { cue } of DRAGO_LAB) {
      expect(cue).toMatch(/^MONITOR · \S/u);
      expect(cue).toBe(cue.toUpperCase());
    }
    expect(new Set(DRAGO_LAB.map((e) => e.cue)).size).toBe(DRAGO_LAB.length);
  });
});
