import { z } from 'zod';
import { visibleText } from '@/lib/server/input';
import { normaliseIsrc } from '@/lib/tempo/deezer';

/** One audio file the visitor added: its tags, decoded length and detected tempo — never the audio. */
const localTrackSchema = z
  .object({
    title: visibleText(300),
    artist: visibleText(300),
    durationMs: z.number().int().min(1000, 'must be at least 1 s').max(6 * 3600 * 1000, 'must be at most 6 h'),
    bpm: z.number().min(30, 'must be at least 30 BPM').max(300, 'must be at most 300 BPM').nullable(),
    analysisNote: z.string().trim().max(200).nullable().default(null),
    tempoConfidence: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').nullable().default(null),
    isrc: z
      .string()
      .nullable()
      .default(null)
      .transform((value, ctx) => {
        if (value === null || value.trim() === '') return null;
        const isrc = normaliseIsrc(value);
        if (isrc === null) ctx.addIssue({ code: 'custom', message: 'must be an ISRC such as USSM18200434' });
        return isrc;
      }),
    fileSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lower-case hex')
      .nullable()
      .default(null),
  })
  .strict();

export const addLocalTracksSchema = z
  .object({
    tracks: z.array(localTrackSchema).min(1, 'send at least one track').max(50, 'send at most 50 tracks at once'),
  })
  .strict();

export type AddLocalTracksInput = z.infer<typeof addLocalTracksSchema>;
