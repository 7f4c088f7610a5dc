import { formatCountdown, type Position, type TimelineStep } from '@/lib/domain/timeline';

interface CurrentIntervalProps {
  current: TimelineStep | undefined;
  position: Position;
  /** The entry playing from this device, if any. */
  deviceEntry: number | null;
}

/** The big card: what to do now and how long is left of it. */
export function CurrentInterval({ current, position, deviceEntry }: CurrentIntervalProps) {
  const stepProgress = current ? 1 - position.remainingMs / (current.endMs - current.startMs) : 1;
  return (
    <section
      aria-label="Current interval"
      className={`rounded-xl p-6 text-center text-white ${current?.kind === 'rest' ? 'bg-sky-800' : 'bg-stone-900'}`}
    >
      {position.isFinished || !current ? (
        <p className="text-3xl font-black uppercase">Workout complete. Drago!</p>
      ) : (
        <>
          <p className="text-sm uppercase tracking-widest text-stone-300">{current.kind === 'rest' ? 'Rest' : `Work · ${current.intensity}`}</p>
          <p className="mt-1 text-3xl font-black sm:text-4xl" data-testid="current-exercise">
            {current.exercise}
          </p>
          <p className="my-3 font-mono text-7xl font-bold tabular-nums sm:text-8xl" data-testid="countdown" aria-label="Time left in this interval">
            {formatCountdown(position.remainingMs)}
          </p>
          {current.cue && <p className="text-lg text-stone-200">{current.cue}</p>}
          <div className="mx-auto mt-4 h-2 max-w-md overflow-hidden rounded bg-white/20" aria-hidden="true">
            <div className="h-full bg-rocky-gold" style={{ width: `${Math.round(stepProgress * 100)}%` }} />
          </div>
          <p className="mt-3 text-sm text-stone-300">
            ♪ {current.trackTitle} — {current.trackArtist}
            {deviceEntry !== null && deviceEntry === current.entryIndex && <> · playing from this device</>}
          </p>
        </>
      )}
    </section>
  );
}
