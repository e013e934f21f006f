import type { Postings } from './partition.ts';

// The working arrays of the search index's matches (search-index.ts), and the union of a query
// word's alternatives (a typo's several terms) built in them.

/**
 * Working arrays of one language's match, reused by every search: a common word matches most of
 * 100,000 documents, and fresh arrays for each search made the garbage collector stop the
 * server every second (external memory). What match() returns are views of them, valid until
 * the next match(): callers read them at once (the e-library turns them into its bitsets).
 */
export class Scratch {
  docs = new Int32Array(0);
  scores = new Float32Array(0);
  titled = new Uint8Array(0);
  ids = new Int32Array(0);
  /** room for n matches (the contents need not survive) */
  reserve(n: number): void {
    if (this.docs.length >= n) return;
    const size = Math.max(n, this.docs.length * 2, 1024);
    this.docs = new Int32Array(size);
    this.scores = new Float32Array(size);
    this.titled = new Uint8Array(size);
    this.ids = new Int32Array(size);
  }
}

/** A query word's alternatives in one partition: the term itself, or the terms a typo away. */
export interface Position {
  lists: { p: Postings; scale: number }[];
  terms: Set<number>;
  df: number;
}

/** The union of a position's lists (one list: itself), in arrays the caller may overwrite (one list: the scratch space's). */
export function union(pos: Position, into: Scratch): { docs: Int32Array; scores: Float32Array; inTitle: Uint8Array; n: number } {
  if (pos.lists.length === 1) {
    const { p, scale } = pos.lists[0]!;
    into.reserve(p.n);
    const { docs, scores, titled } = into;
    docs.set(p.docs.subarray(0, p.n));
    titled.set(p.inTitle.subarray(0, p.n));
    for (let i = 0; i < p.n; i++) scores[i] = p.weights[i]! * scale;
    return { docs, scores, inTitle: titled, n: p.n };
  }
  const best = new Map<number, { s: number; t: number }>();
  for (const { p, scale } of pos.lists) {
    for (let i = 0; i < p.n; i++) {
      const s = p.weights[i]! * scale;
      const had = best.get(p.docs[i]!);
      if (!had) best.set(p.docs[i]!, { s, t: p.inTitle[i]! });
      else {
        had.s = Math.max(had.s, s);
        had.t |= p.inTitle[i]!;
      }
    }
  }
  const docs = Int32Array.from(best.keys()).sort();
  const scores = new Float32Array(docs.length);
  const inTitle = new Uint8Array(docs.length);
  docs.forEach((d, i) => {
    const b = best.get(d)!;
    scores[i] = b.s;
    inTitle[i] = b.t;
  });
  return { docs, scores, inTitle, n: docs.length };
}
