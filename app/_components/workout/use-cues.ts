'use client';

import { useCallback, useRef, useState } from 'react';

type Tone = 'work' | 'rest' | 'count';

const TONES: Record<Tone, { hz: number; seconds: number }> = {
  work: { hz: 880, seconds: 0.25 },
  rest: { hz: 660, seconds: 0.25 },
  count: { hz: 1320, seconds: 0.1 },
};

/** Vibration patterns (ms): a long double buzz at a boundary, a tap for each of 3-2-1. */
const BUZZ: Record<Tone, number[]> = { work: [300, 100, 300], rest: [300, 100, 300], count: [80] };

/** Plays a short beep: higher for work, lower for rest, a short high pip for the 3-2-1 count. */
function beep(context: AudioContext | null, tone: Tone) {
  if (!context) return;
  const { hz, seconds } = TONES[tone];
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.frequency.value = hz;
  gain.gain.setValueAtTime(0.3, context.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + seconds);
  oscillator.connect(gain).connect(context.destination);
  oscillator.start();
  oscillator.stop(context.currentTime + seconds);
}

function speak(text: string) {
  if (typeof window === 'undefined' || !('speechSynthesis' in window)) return;
  window.speechSynthesis.cancel();
  window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
}

/**
 * The workout's cues: beeps, the spoken voice and vibration (each of which the user can turn
 * off) and the screen reader's announcement, which says what the voice says.
 */
export function useCues() {
  const audio = useRef<AudioContext | null>(null);
  const voice = useRef(true);
  const vibration = useRef(false);
  const [isVoiceOn, setIsVoiceOnState] = useState(true);
  const [isVibrationOn, setIsVibrationOnState] = useState(false);
  const [announcement, setAnnouncement] = useState('');

  /** Audio may only start from a user's gesture: call from Start. */
  const unlockAudio = useCallback(async () => {
    audio.current ??= typeof AudioContext === 'undefined' ? null : new AudioContext();
    await audio.current?.resume().catch(() => undefined);
  }, []);

  const setIsVoiceOn = useCallback((isOn: boolean) => {
    voice.current = isOn;
    setIsVoiceOnState(isOn);
  }, []);

  const setIsVibrationOn = useCallback((isOn: boolean) => {
    vibration.current = isOn;
    setIsVibrationOnState(isOn);
  }, []);

  /** Announces and speaks (if the voice is on) the same words; beeps and buzzes unless `tone` is null. */
  const cue = useCallback((options: { spoken: string; announcement?: string; tone: Tone | null }) => {
    if (options.announcement !== undefined) setAnnouncement(options.announcement);
    if (options.tone) {
      beep(audio.current, options.tone);
      if (vibration.current) navigator.vibrate?.(BUZZ[options.tone]);
    }
    if (voice.current && options.spoken !== '') speak(options.spoken);
  }, []);

  return { isVoiceOn, setIsVoiceOn, isVibrationOn, setIsVibrationOn, announcement, unlockAudio, cue };
}
