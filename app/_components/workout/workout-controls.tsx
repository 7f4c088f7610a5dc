interface WorkoutControlsProps {
  isRunning: boolean;
  hasStarted: boolean;
  isFinished: boolean;
  isVoiceOn: boolean;
  isVibrationOn: boolean;
  onStart: () => void;
  onPause: () => void;
  onPrevious: () => void;
  onNext: () => void;
  onVoiceChange: (isOn: boolean) => void;
  onVibrationChange: (isOn: boolean) => void;
}

const big = 'min-h-14 rounded px-5 py-3 text-lg font-bold';

/** Start/Pause, Previous, Next and the cue switches, with their keyboard shortcuts shown. */
export function WorkoutControls(props: WorkoutControlsProps) {
  const { isRunning, hasStarted, isFinished } = props;
  return (
    <div className="space-y-2">
      <div className="grid grid-cols-3 gap-2">
        {/* At the end the session is recorded as completed and final: going back would train unrecorded. */}
        <button
          type="button"
          onClick={props.onPrevious}
          disabled={isFinished}
          className={`${big} border border-stone-500 disabled:opacity-50 dark:border-stone-400`}
          aria-label="Previous interval"
          aria-keyshortcuts="ArrowLeft"
        >
          ← Previous
        </button>
        {isRunning ? (
          <button type="button" onClick={props.onPause} className={`${big} bg-stone-700 text-white`} aria-keyshortcuts="Space">
            Pause
          </button>
        ) : (
          <button type="button" onClick={props.onStart} disabled={isFinished} className={`${big} bg-rocky-red text-white disabled:opacity-50`} aria-keyshortcuts="Space">
            {hasStarted ? 'Resume' : 'Start'}
          </button>
        )}
        <button type="button" onClick={props.onNext} disabled={isFinished} className={`${big} border border-stone-500 disabled:opacity-50 dark:border-stone-400`} aria-label="Next interval" aria-keyshortcuts="ArrowRight">
          Next →
        </button>
      </div>
      <div className="flex flex-wrap items-center justify-center gap-x-5 gap-y-2 text-base">
        <label className="flex min-h-11 items-center gap-2">
          <input type="checkbox" className="size-5" checked={props.isVoiceOn} onChange={(e) => props.onVoiceChange(e.target.checked)} aria-keyshortcuts="V" />
          Spoken cues
        </label>
        <label className="flex min-h-11 items-center gap-2">
          <input type="checkbox" className="size-5" checked={props.isVibrationOn} onChange={(e) => props.onVibrationChange(e.target.checked)} />
          Vibrate
        </label>
        <p className="hidden text-sm text-stone-600 sm:block dark:text-stone-400">
          Keys: <kbd>Space</kbd> start/pause · <kbd>←</kbd> <kbd>→</kbd> previous/next · <kbd>V</kbd> voice
        </p>
      </div>
    </div>
  );
}
