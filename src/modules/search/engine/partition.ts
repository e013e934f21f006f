// One language's part of the in-memory search index: an inverted index (term → the documents
// that have it, with a precomputed BM25F weight) and a forward index (each document's terms in
// order, for phrases and for rewriting the postings). Documents get ordinals in the order they
// are added; a removed document stays as a tombstone until the next rewrite drops it.
//
// Ranking is BM25F: a title word counts TITLE_WEIGHT times a body word, each field normalised by
// its own average length; the weight stored per posting is the term-frequency part
// tf·(k1+1)/(tf+k1), and the query multiplies it by the term's idf.

const K1 = 1.2;
const B_TITLE = 0.75;
const B_BODY = 0.75;
const TITLE_WEIGHT = 3;

/** A term's postings: documents (ordinals, ascending), their weights, and whether the title has the term. */
export interface Postings {
  docs: Int32Array;
  weights: Float32Array;
  inTitle: Uint8Array;
  n: number;
}

import { grow } from './lists.ts';

const emptyPostings = (): Postings => ({ docs: new Int32Array(4), weights: new Float32Array(4), inTitle: new Uint8Array(4), n: 0 });

/**
 * Empty postings lists with room for counts[term] documents each, as views of three arrays
 * shared by every term: a list per term of its own cost an allocation (and a buffer the
 * collector tracks) each, which a vocabulary of community posts has by the hundred thousand.
 * A list that grows later moves to arrays of its own (grow() copies).
 */
function packed(counts: ArrayLike<number>): Postings[] {
  let total = 0;
  for (let t = 0; t < counts.length; t++) total += counts[t]!;
  const docs = new Int32Array(total);
  const weights = new Float32Array(total);
  const inTitle = new Uint8Array(total);
  const out: Postings[] = [];
  let at = 0;
  for (let t = 0; t < counts.length; t++) {
    const n = counts[t]!;
    out.push({ docs: docs.subarray(at, at + n), weights: weights.subarray(at, at + n), inTitle: inTitle.subarray(at, at + n), n: 0 });
    at += n;
  }
  return out;
}

/** A partition as plain data (Partition.state()): arrays and strings, nothing with behaviour. */
export interface PartitionState {
  terms: string[];
  /** each term's number of documents; its postings follow the previous terms' in docs, weights and inTitle */
  counts: Int32Array;
  docs: Int32Array;
  weights: Float32Array;
  inTitle: Uint8Array;
  /** the written words kept for typo matching, and their terms */
  surfaceWords: string[];
  surfaceTerms: Int32Array;
  size: number;
  alive: number;
  key: Int32Array;
  live: Uint8Array;
  titleLength: Uint16Array;
  bodyLength: Int32Array;
  start: Int32Array;
  tokens: Int32Array;
  titleSum: number;
  bodySum: number;
  changes: number;
}

export class Partition {
  /** term → id, and back */
  readonly vocab = new Map<string, number>();
  readonly terms: string[] = [];
  postings: Postings[] = [];
  /** term ids by term length, for typo matching */
  private byLength: number[][] = [];
  /** the words as written (folded) → their term, by length: a typo is one edit from a written word, not always from its stem */
  private readonly surface = new Map<string, number>();
  private surfaceByLength: string[][] = [];

  /** number of ordinals given out (alive or not) */
  size = 0;
  alive = 0;
  key = new Int32Array(16);
  live = new Uint8Array(16);
  titleLength = new Uint16Array(16);
  bodyLength = new Int32Array(16);
  /** the document's terms (title then body) are tokens[start[ord] .. start[ord] + titleLength + bodyLength) */
  start = new Int32Array(16);
  tokens = new Int32Array(1024);
  tokenCount = 0;
  private titleSum = 0;
  private bodySum = 0;
  /** documents added or removed since the last rewrite (their weights use older averages) */
  changes = 0;
  /** scratch space of post(), by term */
  private mark = new Int32Array(16);
  private titleCount = new Int32Array(16);
  private bodyCount = new Int32Array(16);
  private stamp = 0;

  termId(term: string): number {
    let id = this.vocab.get(term);
    if (id === undefined) {
      id = this.terms.push(term) - 1;
      this.vocab.set(term, id);
      this.postings.push(emptyPostings());
      (this.byLength[term.length] ??= []).push(id);
    }
    return id;
  }

  /** Remembers a written word and its term, for typo matching. */
  noteWord(word: string, term: number): void {
    if (word.length < 4 || this.surface.has(word)) return;
    this.surface.set(word, term);
    (this.surfaceByLength[word.length] ??= []).push(word);
  }

  /** Adds a document; returns its ordinal. Its postings are weighted with the averages as they are now. */
  add(key: number, title: readonly string[], body: readonly string[]): number {
    const ord = this.size++;
    this.key = grow(this.key, this.size);
    this.live = grow(this.live, this.size);
    this.titleLength = grow(this.titleLength, this.size);
    this.bodyLength = grow(this.bodyLength, this.size);
    this.start = grow(this.start, this.size);
    const titleTerms = title.length > 65_535 ? title.slice(0, 65_535) : title;
    this.key[ord] = key;
    this.live[ord] = 1;
    this.titleLength[ord] = titleTerms.length;
    this.bodyLength[ord] = body.length;
    this.start[ord] = this.tokenCount;
    this.tokens = grow(this.tokens, this.tokenCount + titleTerms.length + body.length);
    for (const t of titleTerms) this.tokens[this.tokenCount++] = this.termId(t);
    for (const t of body) this.tokens[this.tokenCount++] = this.termId(t);
    this.alive++;
    this.titleSum += titleTerms.length;
    this.bodySum += body.length;
    this.changes++;
    this.post(ord);
    return ord;
  }

  remove(ord: number): void {
    if (!this.live[ord]) return;
    this.live[ord] = 0;
    this.alive--;
    this.titleSum -= this.titleLength[ord]!;
    this.bodySum -= this.bodyLength[ord]!;
    this.changes++;
  }

  /** Tombstones' share of the ordinals, and documents weighted with old averages: when to rewrite. */
  get staleness(): number {
    return this.size === 0 ? 0 : Math.max((this.size - this.alive) / this.size, this.changes / Math.max(this.alive, 1));
  }

  /** Appends the postings of one document (its ordinal is the highest, so lists stay sorted). */
  private post(ord: number): void {
    // Count each term's title and body occurrences in scratch arrays indexed by term (no maps:
    // this runs for every document of a build).
    const vocab = this.terms.length;
    if (this.mark.length < vocab) {
      this.mark = grow(this.mark, vocab);
      this.titleCount = grow(this.titleCount, vocab);
      this.bodyCount = grow(this.bodyCount, vocab);
    }
    const stamp = ++this.stamp;
    const seen: number[] = [];
    const from = this.start[ord]!;
    const titleEnd = from + this.titleLength[ord]!;
    const end = titleEnd + this.bodyLength[ord]!;
    for (let i = from; i < end; i++) {
      const term = this.tokens[i]!;
      if (this.mark[term] !== stamp) {
        this.mark[term] = stamp;
        this.titleCount[term] = 0;
        this.bodyCount[term] = 0;
        seen.push(term);
      }
      if (i < titleEnd) this.titleCount[term]!++;
      else this.bodyCount[term]!++;
    }
    const avgTitle = this.alive ? this.titleSum / this.alive : 1;
    const avgBody = this.alive ? this.bodySum / this.alive : 1;
    const titleNorm = 1 - B_TITLE + (B_TITLE * this.titleLength[ord]!) / Math.max(avgTitle, 1e-9);
    const bodyNorm = 1 - B_BODY + (B_BODY * this.bodyLength[ord]!) / Math.max(avgBody, 1e-9);
    for (const term of seen) {
      const p = this.postings[term]!;
      if (p.n === p.docs.length) {
        p.docs = grow(p.docs, p.n + 1);
        p.weights = grow(p.weights, p.n + 1);
        p.inTitle = grow(p.inTitle, p.n + 1);
      }
      const f = (TITLE_WEIGHT * this.titleCount[term]!) / titleNorm + this.bodyCount[term]! / bodyNorm;
      p.docs[p.n] = ord;
      p.weights[p.n] = (f * (K1 + 1)) / (f + K1);
      p.inTitle[p.n] = this.titleCount[term]! > 0 ? 1 : 0;
      p.n++;
    }
  }

  /**
   * Rewrites every postings list from the forward index: exact sizes, weights with today's
   * averages, and tombstones dropped (ordinals renumbered). Returns old ordinal → new (-1 = gone).
   */
  rewrite(): Int32Array {
    const renumber = new Int32Array(this.size).fill(-1);
    let next = 0;
    for (let ord = 0; ord < this.size; ord++) if (this.live[ord]) renumber[ord] = next++;
    // New forward index, packed.
    const key = new Int32Array(Math.max(next, 16));
    const live = new Uint8Array(Math.max(next, 16));
    const titleLength = new Uint16Array(Math.max(next, 16));
    const bodyLength = new Int32Array(Math.max(next, 16));
    const start = new Int32Array(Math.max(next, 16));
    let tokenCount = 0;
    for (let ord = 0; ord < this.size; ord++) if (this.live[ord]) tokenCount += this.titleLength[ord]! + this.bodyLength[ord]!;
    const tokens = new Int32Array(Math.max(tokenCount, 1024));
    let at = 0;
    for (let ord = 0; ord < this.size; ord++) {
      const n = renumber[ord]!;
      if (n < 0) continue;
      const len = this.titleLength[ord]! + this.bodyLength[ord]!;
      key[n] = this.key[ord]!;
      live[n] = 1;
      titleLength[n] = this.titleLength[ord]!;
      bodyLength[n] = this.bodyLength[ord]!;
      start[n] = at;
      tokens.set(this.tokens.subarray(this.start[ord], this.start[ord]! + len), at);
      at += len;
    }
    Object.assign(this, { key, live, titleLength, bodyLength, start, tokens, tokenCount: at, size: next, changes: 0 });

    // Postings: count each term's documents, allocate once, fill in ordinal order.
    const df = new Int32Array(this.terms.length);
    const seen = new Int32Array(this.terms.length).fill(-1);
    for (let ord = 0; ord < next; ord++) {
      const from = start[ord]!;
      const end = from + titleLength[ord]! + bodyLength[ord]!;
      for (let i = from; i < end; i++) {
        const term = tokens[i]!;
        if (seen[term] !== ord) {
          seen[term] = ord;
          df[term]!++;
        }
      }
    }
    this.postings = packed(df);
    for (let ord = 0; ord < next; ord++) this.post(ord);
    // Terms no document has any more are kept (ids stay stable) but cost nothing but their name.
    return renumber;
  }

  /**
   * Everything the partition holds, as plain data a worker thread can send (structured clone,
   * with the typed arrays' buffers transferred): the postings packed into three arrays.
   */
  state(): PartitionState {
    const counts = Int32Array.from(this.postings, (p) => p.n);
    const packedLists = packed(counts);
    this.postings.forEach((p, term) => {
      const to = packedLists[term]!;
      to.docs.set(p.docs.subarray(0, p.n));
      to.weights.set(p.weights.subarray(0, p.n));
      to.inTitle.set(p.inTitle.subarray(0, p.n));
    });
    const first = packedLists[0];
    const surfaceWords = [...this.surface.keys()];
    return {
      terms: this.terms,
      counts,
      docs: first ? new Int32Array(first.docs.buffer) : new Int32Array(0),
      weights: first ? new Float32Array(first.weights.buffer) : new Float32Array(0),
      inTitle: first ? new Uint8Array(first.inTitle.buffer) : new Uint8Array(0),
      surfaceWords,
      surfaceTerms: Int32Array.from(surfaceWords, (w) => this.surface.get(w)!),
      size: this.size,
      alive: this.alive,
      key: this.key.subarray(0, this.size),
      live: this.live.subarray(0, this.size),
      titleLength: this.titleLength.subarray(0, this.size),
      bodyLength: this.bodyLength.subarray(0, this.size),
      start: this.start.subarray(0, this.size),
      tokens: this.tokens.subarray(0, this.tokenCount),
      titleSum: this.titleSum,
      bodySum: this.bodySum,
      changes: this.changes,
    };
  }

  /** A partition holding what state() gave (its arrays are used as they are, not copied). */
  static from(s: PartitionState): Partition {
    const part = new Partition();
    s.terms.forEach((term) => part.termId(term));
    let at = 0;
    part.postings = Array.from(s.counts, (n) => {
      const p = { docs: s.docs.subarray(at, at + n), weights: s.weights.subarray(at, at + n), inTitle: s.inTitle.subarray(at, at + n), n };
      at += n;
      return p;
    });
    s.surfaceWords.forEach((word, i) => part.noteWord(word, s.surfaceTerms[i]!));
    Object.assign(part, {
      size: s.size,
      alive: s.alive,
      key: s.key,
      live: s.live,
      titleLength: s.titleLength,
      bodyLength: s.bodyLength,
      start: s.start,
      tokens: s.tokens,
      tokenCount: s.tokens.length,
      titleSum: s.titleSum,
      bodySum: s.bodySum,
      changes: s.changes,
    });
    return part;
  }

  /**
   * The terms within one edit (insertion, deletion, substitution or transposition) of a term, or
   * whose written word is within one edit of the word typed ("trainng" → "training" → "train").
   */
  near(term: string, word: string): number[] {
    const out = new Set<number>();
    for (let len = term.length - 1; len <= term.length + 1; len++) {
      for (const id of this.byLength[len] ?? []) if (withinOneEdit(term, this.terms[id]!)) out.add(id);
    }
    for (let len = word.length - 1; len <= word.length + 1; len++) {
      for (const w of this.surfaceByLength[len] ?? []) if (withinOneEdit(word, w)) out.add(this.surface.get(w)!);
    }
    return [...out].filter((id) => this.postings[id]!.n > 0);
  }
}

/** True when b is a, or a with one character inserted, deleted, replaced, or two neighbours swapped. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    // replaced: the rests after i+1 are equal; swapped: a[i]a[i+1] = b[i+1]b[i] and the rests equal
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  // one inserted or deleted: skip it in the longer one
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
