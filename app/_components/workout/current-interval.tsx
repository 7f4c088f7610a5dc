import Link from 'next/link';
import { formatCountdown, type Position, type TimelineStep } from '@/lib/domain/timeline';
import type { StepCue } from '@/lib/domain/workout-cues';
import { Bar } from './bar';

interface CurrentIntervalProps {
  current: TimelineStep | undefined;
  /** The current step's cue, read from the order shown. */
  cue: StepCue | null;
  position: Position;
  /** The entry playing from this device, if any. */
  deviceEntry: number | null;
  /** Once finished: the recorded session's summary line, null when nothing was recorded. */
  summary?: string | null;
}

/**
 * The big card, for a phone at arm's length: what to do now (≥ 32 px) and how long is left of it
 * (a countdown at least a quarter of the screen's height).
 */
export function CurrentInterval({ current, cue, position, deviceEntry, summary = null }: CurrentIntervalProps) {
  const stepProgress = current ? 1 - position.remainingMs / (current.endMs - current.startMs) : 1;
  return (
    <section
      aria-label="Current interval"
      className={`rounded-xl px-4 py-5 text-center text-white ${current?.kind === 'rest' ? 'bg-sky-800' : 'bg-stone-900 dark:bg-stone-800'}`}
    >
      {position.isFinished || !current ? (
        <>
          <p className="text-4xl font-black uppercase">Workout complete. Drago!</p>
          {summary && (
            <div className="mt-4 space-y-3">
              <p className="text-xl" data-testid="session-summary">
                {summary}
              </p>
              <Link href="/progress" className="inline-flex min-h-11 items-center rounded bg-white px-5 font-bold text-stone-900">
                See it in Progress
              </Link>
            </div>
          )}
        </>
      ) : (
        <>
          <p className="text-2xl font-bold uppercase tracking-widest text-stone-100" data-testid="interval-kind">
            {current.kind === 'rest' ? 'Rest' : `Work · ${current.intensity}`}
          </p>
          <p className="mt-1 text-4xl font-black sm:text-5xl" data-testid="current-exercise">
            {current.exercise}
          </p>
          <p
            className="flex min-h-[25vh] items-center justify-center font-mono text-[length:min(24vh,30vw)] leading-none font-bold tabular-nums"
            data-testid="countdown"
            aria-label="Time left in this interval"
          >
            {formatCountdown(position.remainingMs)}
          </p>
          {cue?.cue && <p className="text-xl text-stone-100">{cue.cue}</p>}
          <Bar percent={stepProgress * 100} className="mx-auto mt-4 h-2 w-full max-w-md rounded bg-white/20" fillClassName="fill-rocky-gold" />
          <p className="mt-3 text-base text-stone-200">
            ♪ {current.trackTitle} — {current.trackArtist}
            {deviceEntry !== null && deviceEntry === current.entryIndex && <> · playing from this device</>}
          </p>
        </>
      )}
    </section>
  );
}
