// Small list algorithms of the search index: growing a typed array, finding a place in a sorted
// postings list, and keeping the best k of many scores.

/** The array itself when it holds `need` elements, else a copy at least twice as long. */
export function grow<T extends Int32Array | Float32Array | Uint8Array | Uint16Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2, 16));
  next.set(a);
  return next;
}

/** The first index ≥ from whose doc is ≥ target (exponential then binary search). */
export function gallop(docs: Int32Array, n: number, from: number, target: number): number {
  if (from >= n || docs[from]! >= target) return from;
  let step = 1;
  let lo = from;
  let hi = from + 1;
  while (hi < n && docs[hi]! < target) {
    lo = hi;
    step *= 2;
    hi = from + step;
  }
  if (hi > n) hi = n;
  // docs[lo] < target; docs[hi] >= target or hi = n
  while (lo + 1 < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! < target) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * The indexes of the k highest scores, best first (ties: `before(a, b)` true when a goes first),
 * with a bounded heap: O(n log k).
 */
export function topK(scores: ArrayLike<number>, k: number, before: (a: number, b: number) => boolean): number[] {
  const heap: number[] = [];
  // worse(a, b): a ranks below b; the heap's root is the worst kept.
  const worse = (a: number, b: number) => scores[a]! < scores[b]! || (scores[a] === scores[b] && before(b, a));
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < heap.length && worse(heap[l]!, heap[w]!)) w = l;
      if (r < heap.length && worse(heap[r]!, heap[w]!)) w = r;
      if (w === i) return;
      [heap[i], heap[w]] = [heap[w]!, heap[i]!];
      i = w;
    }
  };
  for (let i = 0; i < scores.length; i++) {
    if (heap.length < k) {
      heap.push(i);
      up(heap.length - 1);
    } else if (k > 0 && worse(heap[0]!, i)) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}
