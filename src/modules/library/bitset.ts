// Sets of positions as bits in 32-bit words: what the e-library's facet index filters and counts with.

export const wordsFor = (size: number) => (size + 31) >>> 5;

export function setBit(bits: Uint32Array, p: number): void {
  bits[p >>> 5]! |= 1 << (p & 31);
}

export function hasBit(bits: Uint32Array, p: number): boolean {
  return (bits[p >>> 5]! & (1 << (p & 31))) !== 0;
}

/** Calls `each` with every position in the set, in ascending order. */
export function forEachBit(bits: Uint32Array, each: (p: number) => void): void {
  for (let w = 0; w < bits.length; w++) {
    let x = bits[w]!;
    while (x !== 0) {
      const low = x & -x;
      each((w << 5) + 31 - Math.clz32(low));
      x ^= low;
    }
  }
}

/** Writes the positions in the set into `out`, ascending; returns how many (out must have room for them all). */
export function positionsInto(bits: Uint32Array, out: Int32Array): number {
  // Read as signed words: a word with its top bit set stays a small integer, never a boxed number.
  const words = new Int32Array(bits.buffer, bits.byteOffset, bits.length);
  let n = 0;
  for (let w = 0; w < words.length; w++) {
    let x = words[w]!;
    while (x !== 0) {
      const low = x & -x;
      out[n++] = (w << 5) + 31 - Math.clz32(low);
      x ^= low;
    }
  }
  return n;
}

export function popcount(bits: Uint32Array): number {
  let n = 0;
  for (let w = 0; w < bits.length; w++) {
    let x = bits[w]!;
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    n += (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return n;
}

/** out = the intersection of the sets (out may be one of them). */
export function intersect(out: Uint32Array, sets: Uint32Array[]): Uint32Array {
  out.set(sets[0]!);
  for (let i = 1; i < sets.length; i++) {
    const s = sets[i]!;
    for (let w = 0; w < out.length; w++) out[w]! &= s[w]!;
  }
  return out;
}
