export declare const EXPIRED_TAGS_CHANNEL: 'montage_expired_tags';
export declare function expiredTagPayloads(tags: string[]): string[];
export declare function tagsOfPayload(payload: string | undefined): string[];
export declare function listenForExpiredTags(options: {
  url: string;
  onTags: (tags: string[]) => void;
  onError?: (message: string) => void;
}): { readonly isListening: boolean; readonly listeningSince: number; close: () => Promise<void> };
