/** What a file's tags say, read with music-metadata; anything missing is null. */
export interface FileTags {
  title: string | null;
  artist: string | null;
  isrc: string | null;
  durationMs: number | null;
}

const NO_TAGS: FileTags = { title: null, artist: null, isrc: null, durationMs: null };

/** Reads the tags of an audio file in the browser; a file with no readable tags gives nulls. */
export async function readTags(file: Blob): Promise<FileTags> {
  const { parseBlob } = await import('music-metadata');
  try {
    const { common, format } = await parseBlob(file, { skipCovers: true, duration: false });
    const text = (value: string | undefined) => (value && value.trim() !== '' ? value.trim() : null);
    return {
      title: text(common.title),
      artist: text(common.artist) ?? text(common.albumartist),
      isrc: text(common.isrc?.[0]),
      durationMs: format.duration ? Math.round(format.duration * 1000) : null,
    };
  } catch {
    return NO_TAGS;
  }
}

/** "04 - Eye of the Tiger" for "04 - Eye of the Tiger.mp3": the title when the tags give none. */
export function titleFromFileName(name: string): string {
  const base = name.replace(/\.[^./]{1,5}$/, '').trim();
  return base === '' ? name : base;
}
