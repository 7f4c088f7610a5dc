'use client';

import { useCallback, useRef, useState } from 'react';

/** Plays a short beep: higher for work, lower for rest. */
function beep(context: AudioContext | null, isRest: boolean) {
  if (!context) return;
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.frequency.value = isRest ? 660 : 880;
  gain.gain.setValueAtTime(0.3, context.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 0.25);
  oscillator.connect(gain).connect(context.destination);
  oscillator.start();
  oscillator.stop(context.currentTime + 0.25);
}

function speak(text: string) {
  if (typeof window === 'undefined' || !('speechSynthesis' in window)) return;
  window.speechSynthesis.cancel();
  window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
}

/**
 * The workout's cues: beeps, the spoken voice (which the user can turn off) and the screen
 * reader's announcement, which says what the voice says.
 */
export function useCues() {
  const audio = useRef<AudioContext | null>(null);
  const voice = useRef(true);
  const [isVoiceOn, setIsVoiceOnState] = useState(true);
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

  /** Announces `text` on screen (prefixed) and speaks it if the voice is on; beeps unless `beepKind` is null. */
  const cue = useCallback((options: { announcement: string; spoken: string; beepKind: 'work' | 'rest' | null }) => {
    setAnnouncement(options.announcement);
    if (options.beepKind) beep(audio.current, options.beepKind === 'rest');
    if (voice.current) speak(options.spoken);
  }, []);

  return { isVoiceOn, setIsVoiceOn, announcement, unlockAudio, cue };
}
