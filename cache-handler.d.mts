/** Next's cacheHandler (cache-handler.mjs): its constructor takes Next's options; tests call its methods. */
export default class HashedScriptsCache {
  constructor(options: unknown);
  get(key: string, ctx: unknown): Promise<{ value: unknown; lastModified: number } | null>;
  set(key: string, data: unknown, ctx: unknown): Promise<void>;
  revalidateTag(tags: string | string[], durations?: unknown): Promise<void>;
}
