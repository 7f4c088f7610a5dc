/** Small helpers the benchmark prints its figures with. */
export const print = (line: object) => console.log(JSON.stringify(line));
export const round = (x: number, digits = 3) => Number(x.toPrecision(digits + 2));
export const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
export const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Wall-clock time of one call, in ms. */
export function timeRun<T>(run: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
}
