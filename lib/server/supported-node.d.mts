export declare const SUPPORTED_NODE: { major: number; minMinor: number; range: string };
export declare function unsupportedNodeReason(version: string): string | null;
export declare function exitUnlessSupportedNode(): void;
