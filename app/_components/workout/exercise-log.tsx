'use client';

import { useState } from 'react';
import { metricsFor, type EntryMetric } from '@/lib/domain/progress';
import type { ExerciseEntry } from '@/lib/domain/session-record';
import type { TimelineStep } from '@/lib/domain/timeline';

const FIELDS: Record<EntryMetric, { label: string; step: string; max: number }> = {
  reps: { label: 'Reps', step: '1', max: 10_000 },
  loadKg: { label: 'Load (kg)', step: '0.5', max: 2000 },
  distanceM: { label: 'Distance (m)', step: '1', max: 1_000_000 },
  timeSec: { label: 'Time (s)', step: '1', max: 86_400 },
};

interface ExerciseLogProps {
  steps: readonly TimelineStep[];
  /** The current step's index: the form shows during a rest that follows a work interval. */
  index: number;
  onLog: (position: number, entry: ExerciseEntry) => void;
}

/** After a work interval, the rest screen offers a quick, optional entry of what fits the exercise. */
export function ExerciseLog({ steps, index, onLog }: ExerciseLogProps) {
  const current = steps[index];
  const work = steps[index - 1];
  if (!current || current.kind !== 'rest' || !work || work.kind !== 'work') return null;
  return <ExerciseLogForm key={index} position={index - 1} exercise={work.exercise} onLog={onLog} />;
}

function ExerciseLogForm({ position, exercise, onLog }: { position: number; exercise: string; onLog: ExerciseLogProps['onLog'] }) {
  const metrics = metricsFor(exercise);
  const [values, setValues] = useState<Partial<Record<EntryMetric, string>>>({});
  const [isSaved, setIsSaved] = useState(false);

  function save(event: React.FormEvent) {
    event.preventDefault();
    const entry: ExerciseEntry = {};
    for (const metric of metrics) {
      const value = Number(values[metric]);
      if (values[metric] && Number.isFinite(value) && value >= 0 && value <= FIELDS[metric].max) {
        entry[metric] = metric === 'reps' || metric === 'timeSec' ? Math.round(value) : value;
      }
    }
    onLog(position, entry);
    setIsSaved(true);
  }

  return (
    <form onSubmit={save} aria-label={`Log ${exercise}`} className="flex flex-wrap items-end justify-center gap-2 rounded-lg border border-sky-200 bg-sky-50 p-3 text-sm">
      <span className="w-full text-center font-semibold">{exercise}: how did it go? (optional)</span>
      {metrics.map((metric) => (
        <label key={metric} className="flex flex-col">
          {FIELDS[metric].label}
          <input
            type="number"
            inputMode="decimal"
            min={0}
            max={FIELDS[metric].max}
            step={FIELDS[metric].step}
            value={values[metric] ?? ''}
            onChange={(e) => {
              setValues((v) => ({ ...v, [metric]: e.target.value }));
              setIsSaved(false);
            }}
            className="w-24 rounded border border-stone-300 px-2 py-1"
          />
        </label>
      ))}
      <button type="submit" className="rounded bg-sky-800 px-3 py-1.5 font-semibold text-white">
        Log it
      </button>
      {isSaved && (
        <span role="status" className="text-green-800">
          Logged.
        </span>
      )}
    </form>
  );
}
