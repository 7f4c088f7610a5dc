import type { CacheValueSerializer } from '@fortedigital/nextjs-cache-handler/redis-strings';

export declare function serializePageEntry(entry: unknown): string;
export declare function deserializePageEntry(stored: string): unknown;
export declare const pageEntrySerializer: CacheValueSerializer;
