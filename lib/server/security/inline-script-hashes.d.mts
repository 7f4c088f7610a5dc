export declare const CACHED_POLICY_HEADER: 'content-security-policy';
export declare function inlineScriptHashes(html: string): string[];
export declare function cachedPagePolicy(html: string, embedOrigin: string): string;
export declare function addCachedPagePolicy(
  value: { kind?: string; html?: unknown; headers?: Record<string, unknown> } | null | undefined,
  embedOrigin: string,
): void;
