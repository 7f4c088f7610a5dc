import type { Intensity, PlannedInterval } from './types';

/** What a read-only list shows of an interval. */
export type ListedInterval = Pick<PlannedInterval, 'offsetMs' | 'durationMs' | 'exercise' | 'intensity' | 'cue'>;

/** What an interval says, apart from when it runs: the exercise, its intensity and its cue. */
export type IntervalWords = readonly [exercise: string, intensity: Intensity, cue: string];

/** An interval's place in its track (ms) and the index of its words in `PackedIntervals.words`. */
export type PackedInterval = readonly [offsetMs: number, durationMs: number, wordsIndex: number];

/**
 * A montage's intervals, track by track, with each distinct exercise, intensity and cue written
 * once. A plan repeats its words ("Rest · Breathe. Shake it out." a dozen times in a circuit):
 * sent to the browser as objects they are most of a shared page's weight.
 */
export interface PackedIntervals {
  words: IntervalWords[];
  /** One list per track, in the order given, each in the order given. */
  tracks: PackedInterval[][];
}

/** Packs the intervals of each track (a list per track); `unpackIntervals` gives them back as they were. */
export function packIntervals(tracks: readonly (readonly ListedInterval[])[]): PackedIntervals {
  const words: IntervalWords[] = [];
  const indexOf = new Map<string, number>();
  const packed = tracks.map((intervals) =>
    intervals.map(({ offsetMs, durationMs, exercise, intensity, cue }): PackedInterval => {
      // JSON of the three: no separator character can make two different triples one key.
      const key = JSON.stringify([exercise, intensity, cue]);
      let index = indexOf.get(key);
      if (index === undefined) {
        index = words.push([exercise, intensity, cue]) - 1;
        indexOf.set(key, index);
      }
      return [offsetMs, durationMs, index];
    }),
  );
  return { words, tracks: packed };
}

/** The intervals of each track, as they were packed. */
export function unpackIntervals({ words, tracks }: PackedIntervals): ListedInterval[][] {
  return tracks.map((intervals) =>
    intervals.map(([offsetMs, durationMs, wordsIndex]) => {
      const said = words[wordsIndex];
      if (!said) throw new RangeError(`packed interval refers to words ${wordsIndex} of ${words.length}`);
      const [exercise, intensity, cue] = said;
      return { offsetMs, durationMs, exercise, intensity, cue };
    }),
  );
}
