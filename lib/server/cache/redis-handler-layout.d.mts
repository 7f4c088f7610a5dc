export declare const SHARED_TAGS: '__sharedTags__';
export declare const SHARED_TAGS_TTL: '__sharedTagsTtl__';
export declare const REVALIDATED_TAGS: '__revalidated_tags__';
