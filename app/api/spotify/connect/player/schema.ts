import { z } from 'zod';

const deviceId = z.string().trim().min(1).max(200);

/** A command to the listener's Spotify app: start the montage at a track and position, pause, or resume. */
export const playerCommandSchema = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('start'),
      deviceId,
      /** The montage's Spotify tracks in workout order (base-62 ids). */
      spotifyIds: z.array(z.string().regex(/^[0-9A-Za-z]{22}$/, 'must be a Spotify track id')).min(1).max(500),
      offsetPosition: z.number().int().min(0),
      positionMs: z.number().int().min(0).max(24 * 3600 * 1000),
      montageId: z.string().uuid().nullish(),
    })
    .strict()
    .refine((command) => command.offsetPosition < command.spotifyIds.length, { message: 'must name one of spotifyIds', path: ['offsetPosition'] }),
  z.object({ action: z.literal('pause'), deviceId }).strict(),
  z.object({ action: z.literal('resume'), deviceId }).strict(),
]);

export type PlayerCommand = z.infer<typeof playerCommandSchema>;
