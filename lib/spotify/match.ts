import type { SpotifyTrack } from './types';

/** What we know of a recording before Spotify resolves it (e.g. a row of the bundled catalog). */
export interface WantedTrack {
  title: string;
  artist: string;
  /** Length from another source (e.g. the LP), used only to break ties between versions. */
  durationMs?: number | null;
}

/** Lower case, no accents, `&` as `and`, no punctuation, single spaces. */
export function normaliseName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** The title without version notes: "Eye of the Tiger - Live" and "Burning Heart (Remastered)" → the song's name. */
export function baseTitle(title: string): string {
  return normaliseName(title.replace(/\s+-\s+.*$/, '').replace(/\s*[([].*?[)\]]/g, ''));
}

/** "Kenny Loggins & Gladys Knight" → ["Kenny Loggins", "Gladys Knight"]: credits split on `,`, `&`, `feat.`, `ft.`. */
export function splitArtists(artist: string): string[] {
  return artist
    .split(/\s*(?:,|&|\bfeat\.?(?=\s)|\bft\.?(?=\s))\s*/i)
    .map((name) => name.trim())
    .filter(Boolean);
}

/** The credited artists, normalised for comparison. */
export function artistNames(artist: string): string[] {
  return splitArtists(artist).map(normaliseName).filter(Boolean);
}

/**
 * The search result that is the wanted recording, or null when none is: the song's name must be
 * the same and at least one artist shared. Among those, the plain version (no "- Live",
 * "(Remastered)" note) and then the length nearest the known one win; ties keep Spotify's order.
 */
export function pickBestMatch(candidates: readonly SpotifyTrack[], wanted: WantedTrack): SpotifyTrack | null {
  const wantedTitle = baseTitle(wanted.title);
  const wantedArtists = new Set(artistNames(wanted.artist));
  let best: SpotifyTrack | null = null;
  let bestScore = -Infinity;
  for (const candidate of candidates) {
    if (baseTitle(candidate.title) !== wantedTitle) continue;
    const shared = candidate.artists.flatMap(artistNames).some((name) => wantedArtists.has(name));
    if (!shared) continue;
    let score = normaliseName(candidate.title) === normaliseName(wanted.title) ? 2 : 0;
    if (wanted.durationMs) score -= Math.min(Math.abs(candidate.durationMs - wanted.durationMs) / 10_000, 3);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
