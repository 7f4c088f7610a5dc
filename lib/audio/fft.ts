/**
 * An in-place radix-2 FFT of a complex signal held as two arrays (real, imaginary). Small and
 * dependency-free: the tempo detector takes a few thousand 512-point transforms per file, for
 * which a library would add more code than it saves.
 */

const twiddleCache = new Map<number, { cos: Float64Array; sin: Float64Array }>();

function twiddles(size: number) {
  let table = twiddleCache.get(size);
  if (!table) {
    const cos = new Float64Array(size / 2);
    const sin = new Float64Array(size / 2);
    for (let i = 0; i < size / 2; i += 1) {
      cos[i] = Math.cos((2 * Math.PI * i) / size);
      sin[i] = -Math.sin((2 * Math.PI * i) / size);
    }
    table = { cos, sin };
    twiddleCache.set(size, table);
  }
  return table;
}

/** Transforms (`real`, `imag`) in place; their length must be the same power of two. */
export function fftInPlace(real: Float64Array, imag: Float64Array): void {
  const size = real.length;
  if (size !== imag.length || size < 2 || (size & (size - 1)) !== 0) throw new RangeError(`FFT size must be a power of two, got ${size}`);
  // Bit-reversal permutation.
  for (let i = 1, j = 0; i < size; i += 1) {
    let bit = size >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [real[i], real[j]] = [real[j]!, real[i]!];
      [imag[i], imag[j]] = [imag[j]!, imag[i]!];
    }
  }
  const { cos, sin } = twiddles(size);
  for (let half = 1; half < size; half <<= 1) {
    const step = size / (2 * half);
    for (let start = 0; start < size; start += 2 * half) {
      for (let k = 0; k < half; k += 1) {
        const wr = cos[k * step]!;
        const wi = sin[k * step]!;
        const a = start + k;
        const b = a + half;
        const tr = wr * real[b]! - wi * imag[b]!;
        const ti = wr * imag[b]! + wi * real[b]!;
        real[b] = real[a]! - tr;
        imag[b] = imag[a]! - ti;
        real[a] = real[a]! + tr;
        imag[a] = imag[a]! + ti;
      }
    }
  }
}
