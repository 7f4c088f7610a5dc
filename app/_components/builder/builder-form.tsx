'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { WORKOUT_LIMITS as L, MODE_LABELS } from '@/lib/domain/workout';
import type { WorkoutMode } from '@/lib/domain/types';
import { RUN_SHAPES, type RunShape } from '@/lib/domain/curves';
import { defaultSoundtrackShare, type SoundtrackShare } from '@/lib/domain/soundtrack-share';
import { apiRequest, type ApiProblem } from '../api';
import { PoolSourceSelect, type PoolSourceOption } from './pool-source-select';
import { SoundtrackShareChoice } from './soundtrack-share-choice';

const MODE_HINTS: Record<WorkoutMode, string> = {
  circuit: 'Log carry, crosscut saw, sled pull, cart press, rock lift, pull-ups, snow run, mountain climb.',
  run: 'A walk-in, your cadence (steady, progression or strides), a walk-out. Half/double time counts.',
  hiit: 'Work/rest rounds inside every track, on a high-tempo plateau.',
  drago: 'The lab: treadmill intervals, bike sprints, punch power, machine lifts, with monitor-style cues.',
  versus: 'Rocky and Drago track by track, as the film cuts between the barn and the lab.',
};

/** The workout picker on the home page: mode, length and the mode's own settings. */
export function BuilderForm({ poolSources = [] }: { poolSources?: PoolSourceOption[] }) {
  const router = useRouter();
  const [mode, setMode] = useState<WorkoutMode>('circuit');
  const [lengthMin, setLengthMin] = useState(30);
  const [cadenceSpm, setCadenceSpm] = useState(170);
  const [workSec, setWorkSec] = useState(40);
  const [restSec, setRestSec] = useState(20);
  const [runShape, setRunShape] = useState<RunShape>('steady');
  const [filterId, setFilterId] = useState('');
  // Until the user picks, the soundtrack follows the mode's default (where it fits for a Run).
  const [soundtrackChoice, setSoundtrackChoice] = useState<SoundtrackShare | null>(null);
  const soundtrack = soundtrackChoice ?? defaultSoundtrackShare(mode);
  const [isBuilding, setIsBuilding] = useState(false);
  const [error, setError] = useState<{ message: string; problems: ApiProblem[] } | null>(null);

  async function build(event: React.FormEvent) {
    event.preventDefault();
    setIsBuilding(true);
    setError(null);
    const body = {
      mode,
      lengthMin,
      soundtrack,
      ...(mode === 'run' ? { cadenceSpm, runShape } : {}),
      ...(mode === 'hiit' ? { hiitWorkSec: workSec, hiitRestSec: restSec } : {}),
      ...(filterId !== '' ? { filterId } : {}),
    };
    const result = await apiRequest<{ url: string }>('/api/montages', 'POST', body);
    if (result.ok) {
      router.push(result.data.url);
    } else {
      setError(result.error);
      setIsBuilding(false);
    }
  }

  return (
    <form onSubmit={build} className="space-y-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm dark:border-stone-700 dark:bg-stone-900" aria-labelledby="build-heading">
      <h2 id="build-heading" className="text-xl font-bold">
        Build a montage
      </h2>
      <fieldset>
        <legend className="mb-2 font-semibold">Workout</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {(Object.keys(MODE_LABELS) as WorkoutMode[]).map((m) => (
            <label
              key={m}
              className={`cursor-pointer rounded border p-3 ${mode === m ? 'border-rocky-red bg-red-50 dark:bg-red-950' : 'border-stone-300 dark:border-stone-600'}`}
            >
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} className="mr-2" />
              <span className="font-semibold">{MODE_LABELS[m]}</span>
              <span className="mt-1 block text-sm text-stone-600 dark:text-stone-400">{MODE_HINTS[m]}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap gap-6">
        <NumberField label="Length (minutes)" name="lengthMin" min={L.minLengthMin} max={L.maxLengthMin} step={5} value={lengthMin} onChange={setLengthMin} />
        {mode === 'run' && (
          <>
            <NumberField label="Cadence (steps/min)" name="cadenceSpm" min={L.minCadenceSpm} max={L.maxCadenceSpm} step={5} value={cadenceSpm} onChange={setCadenceSpm} />
            <label className="flex items-center gap-2">
              Shape
              <select name="runShape" value={runShape} onChange={(e) => setRunShape(e.target.value as RunShape)} className="rounded border border-stone-300 px-2 py-1 dark:border-stone-600">
                {RUN_SHAPES.map((shape) => (
                  <option key={shape} value={shape}>
                    {shape}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        {mode === 'hiit' && (
          <>
            <NumberField label="Work (s)" name="hiitWorkSec" min={L.minWorkSec} max={L.maxWorkSec} value={workSec} onChange={setWorkSec} />
            <NumberField label="Rest (s)" name="hiitRestSec" min={L.minRestSec} max={L.maxRestSec} value={restSec} onChange={setRestSec} />
          </>
        )}
      </div>
      <SoundtrackShareChoice value={soundtrack} onChange={setSoundtrackChoice} />
      <PoolSourceSelect options={poolSources} value={filterId} onChange={setFilterId} />
      {error && <ErrorBox message={error.message} problems={error.problems} />}
      <button
        type="submit"
        disabled={isBuilding}
        className="rounded bg-rocky-red px-5 py-2 font-bold uppercase tracking-wide text-white disabled:opacity-60"
      >
        {isBuilding ? 'Building…' : 'Build montage'}
      </button>
    </form>
  );
}

interface NumberFieldProps {
  label: string;
  name: string;
  min: number;
  max: number;
  step?: number;
  value: number;
  onChange: (value: number) => void;
}

function NumberField({ label, name, min, max, step = 1, value, onChange }: NumberFieldProps) {
  return (
    <label className="flex items-center gap-2">
      {label}
      <input
        type="number"
        name={name}
        min={min}
        max={max}
        step={step}
        required
        value={Number.isNaN(value) ? '' : value}
        onChange={(e) => onChange(e.target.valueAsNumber)}
        className="w-24 rounded border border-stone-300 px-2 py-1 text-right dark:border-stone-600"
      />
    </label>
  );
}

export function ErrorBox({ message, problems = [] }: { message: string; problems?: ApiProblem[] }) {
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
      <p className="font-semibold">{message}</p>
      {problems.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {problems.map((p) => (
            <li key={`${p.field}:${p.message}`}>
              <code>{p.field}</code>: {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
