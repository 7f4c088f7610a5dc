export interface RenderStarts {
  missed(key: string): void;
  served(key: string): void;
  takeRenderDate(key: string): number;
}
export declare function createRenderStarts(options?: { now?: () => number; maxKeys?: number }): RenderStarts;
