import { languages, type Lang } from '../../../i18n/languages.ts';
import { eachTerm, fold, analyseWords } from '../analyse.ts';
import { gallop, grow, topK } from './lists.ts';
import { Partition, type PartitionState } from './partition.ts';
import { Scratch, union, type Position } from './working.ts';

export { gallop, topK };

// The in-memory search index of one instance: a partition per language (documents analysed with
// that language's stemmer), documents known by their search_documents id. Matching is AND over
// the query's words; a word of five letters or more that no document has also matches the
// words one edit away from it, weighted lower. Scores are BM25F (partition.ts), with a bonus
// when the title has every word and, for the best matches, when the words stand together as
// typed (an exact phrase).

/**
 * One language's matches: document ids and their scores (higher is better), in id order per
 * partition. Views of the index's working arrays: read them before the next match().
 */
export interface LangMatches {
  lang: Lang;
  ids: Int32Array;
  scores: Float32Array;
}

export interface Matches {
  perLang: LangMatches[];
  /** The phrase bonus (a factor, 1 = none) of documents that matched; for re-ranking the best few. */
  phrase(ids: ArrayLike<number>): Float32Array;
}

export interface IndexedDocument {
  id: number;
  kind: string;
  ref: string;
  lang: string;
  title: string;
  body: string;
}

/** A search index as plain data (SearchIndex.state()). */
export interface SearchIndexState {
  parts: [Lang, PartitionState][];
  ordOf: Int32Array;
  langOf: Uint8Array;
  kindOf: Uint8Array;
  refOf: Int32Array;
  /** the kinds in the order of their codes (1, 2, …) */
  kinds: string[];
  refs: string[];
}

export interface RankedHit {
  id: number;
  score: number;
}

/**
 * Site search weighs what a document stands for: a package, station or case study is about its
 * words; an action is one sentence that mentions them. Searching "partnership" should lead to
 * the stations on partnerships before the many actions that use the word.
 */
const KIND_WEIGHT: Record<string, number> = { package: 1.5, station: 1.5, case_study: 1.5, resource: 1.2, spotlight: 1.2, action: 1 };

const TYPO_FACTOR = 0.5;
const TITLE_BONUS = 1.25;
const PHRASE_BONUS = 1.5;
/** the best matches by score that the phrase bonus may re-order */
export const RESCORE_WINDOW = 200;
const MIN_TYPO_LENGTH = 5;

const LANG_CODE = new Map<string, number>(languages.map((l, i) => [l, i + 1]));
const LANG_OF = ['', ...languages] as const;

export class SearchIndex {
  private readonly parts = new Map<Lang, Partition>();
  /** by document id: ordinal + 1 in its partition (0 = not indexed), its language code, kind and ref */
  private ordOf = new Int32Array(16);
  private langOf = new Uint8Array(16);
  private kindOf = new Uint8Array(16);
  private refOf = new Int32Array(16);
  private readonly kindCodes = new Map<string, number>();
  /** by kind code: its weight in site search */
  private readonly kindWeight: number[] = [1];
  private readonly refCodes = new Map<string, number>();
  private readonly refs: string[] = [];
  private stamp = new Int32Array(16);
  private generation = 0;
  /** per language of a match (the reader's, then English) */
  private readonly scratch: Scratch[] = [];
  /** site search's hits before ranking, one per item */
  private hitIds = new Int32Array(16);
  private hitScores = new Float32Array(16);

  get documents(): number {
    let n = 0;
    for (const p of this.parts.values()) n += p.alive;
    return n;
  }

  /** Adds a document or replaces the one with its id. */
  put(doc: IndexedDocument): void {
    this.delete(doc.id);
    const lang = (LANG_CODE.has(doc.lang) ? doc.lang : 'en') as Lang;
    let part = this.parts.get(lang);
    if (!part) this.parts.set(lang, (part = new Partition()));
    const title: string[] = [];
    const body: string[] = [];
    const p = part;
    eachTerm(doc.title, lang, (word, term) => {
      title.push(term);
      p.noteWord(fold(word), p.termId(term));
    });
    eachTerm(doc.body, lang, (word, term) => {
      body.push(term);
      p.noteWord(fold(word), p.termId(term));
    });
    const ord = part.add(doc.id, title, body);
    const need = doc.id + 1;
    this.ordOf = grow(this.ordOf, need);
    this.langOf = grow(this.langOf, need);
    this.kindOf = grow(this.kindOf, need);
    this.refOf = grow(this.refOf, need);
    this.ordOf[doc.id] = ord + 1;
    this.langOf[doc.id] = LANG_CODE.get(lang)!;
    this.kindOf[doc.id] = this.code(this.kindCodes, doc.kind);
    this.kindWeight[this.kindOf[doc.id]!] = KIND_WEIGHT[doc.kind] ?? 1;
    let ref = this.refCodes.get(doc.ref);
    if (ref === undefined) {
      ref = this.refs.push(doc.ref) - 1;
      this.refCodes.set(doc.ref, ref);
    }
    this.refOf[doc.id] = ref;
  }

  delete(id: number): void {
    if (id >= this.ordOf.length || this.ordOf[id] === 0) return;
    this.parts.get(LANG_OF[this.langOf[id]!] as Lang)!.remove(this.ordOf[id]! - 1);
    this.ordOf[id] = 0;
  }

  has(id: number): boolean {
    return id < this.ordOf.length && this.ordOf[id] !== 0;
  }

  /** Rewrites the partitions that changed enough (tombstones, weights from old averages); `all` rewrites every one. */
  tidy(all = false): void {
    for (const part of this.parts.values()) {
      if (!all && part.staleness < 0.2) continue;
      part.rewrite();
      for (let ord = 0; ord < part.size; ord++) this.ordOf[part.key[ord]!] = ord + 1;
    }
  }

  /** Everything the index holds, as plain data a worker thread can send (see Partition.state()). */
  state(): SearchIndexState {
    const n = this.ordOf.length;
    return {
      parts: [...this.parts].map(([lang, part]) => [lang, part.state()]),
      ordOf: this.ordOf.subarray(0, n),
      langOf: this.langOf.subarray(0, n),
      kindOf: this.kindOf.subarray(0, n),
      refOf: this.refOf.subarray(0, n),
      kinds: [...this.kindCodes.keys()],
      refs: this.refs,
    };
  }

  /** An index holding what state() gave (its arrays are used as they are, not copied). */
  static from(s: SearchIndexState): SearchIndex {
    const index = new SearchIndex();
    for (const [lang, part] of s.parts) index.parts.set(lang, Partition.from(part));
    Object.assign(index, { ordOf: s.ordOf, langOf: s.langOf, kindOf: s.kindOf, refOf: s.refOf });
    for (const kind of s.kinds) index.kindWeight[index.code(index.kindCodes, kind)] = KIND_WEIGHT[kind] ?? 1;
    for (const ref of s.refs) index.refCodes.set(ref, index.refs.push(ref) - 1);
    return index;
  }

  private code(codes: Map<string, number>, value: string): number {
    let c = codes.get(value);
    if (c === undefined) codes.set(value, (c = codes.size + 1));
    return c;
  }

  /** The query's words in one language, each with what it matches there; null when a word matches nothing. */
  private positions(part: Partition, words: { word: string; term: string }[]): Position[] | null {
    const seen = new Set<string>();
    const out: Position[] = [];
    const n = part.alive || 1;
    const idf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
    for (const { word, term } of words) {
      if (seen.has(term)) continue;
      seen.add(term);
      const id = part.vocab.get(term);
      let ids: number[] = [];
      let scale = 1;
      if (id !== undefined && part.postings[id]!.n > 0) ids = [id];
      else if (word.length >= MIN_TYPO_LENGTH) {
        ids = part.near(term, word);
        scale = TYPO_FACTOR;
      }
      if (ids.length === 0) return null;
      const lists = ids.map((t) => ({ p: part.postings[t]!, scale: scale * idf(part.postings[t]!.n) }));
      out.push({ lists, terms: new Set(ids), df: lists.reduce((s, l) => s + l.p.n, 0) });
    }
    return out;
  }

  /** Documents with every word, in one partition: ordinals, scores, and whether the title had them all. */
  private intersect(part: Partition, positions: Position[], kinds: Set<number> | null, into: Scratch): { ords: Int32Array; scores: Float32Array; n: number } {
    const order = positions.slice().sort((a, b) => a.df - b.df);
    const first = union(order[0]!, into);
    let ords = first.docs;
    const scores = first.scores;
    const titled = first.inTitle;
    let n = 0;
    // Drop removed documents and other kinds once, on the shortest list.
    for (let i = 0; i < first.n; i++) {
      const ord = ords[i]!;
      if (!part.live[ord]) continue;
      if (kinds && !kinds.has(this.kindOf[part.key[ord]!]!)) continue;
      ords[n] = ord;
      scores[n] = scores[i]!;
      titled[n] = titled[i]!;
      n++;
    }
    for (let k = 1; k < order.length && n > 0; k++) {
      const lists = order[k]!.lists;
      const cursor = new Int32Array(lists.length);
      let kept = 0;
      for (let i = 0; i < n; i++) {
        const ord = ords[i]!;
        let best = 0;
        let inTitle = 0;
        for (let l = 0; l < lists.length; l++) {
          const { p, scale } = lists[l]!;
          const at = gallop(p.docs, p.n, cursor[l]!, ord);
          cursor[l] = at;
          if (at < p.n && p.docs[at] === ord) {
            const s = p.weights[at]! * scale;
            if (s > best) best = s;
            if (p.inTitle[at]) inTitle = 1;
          }
        }
        if (best === 0) continue;
        ords[kept] = ord;
        scores[kept] = scores[i]! + best;
        titled[kept] = titled[i]! & inTitle;
        kept++;
      }
      n = kept;
    }
    for (let i = 0; i < n; i++) if (titled[i]) scores[i]! *= TITLE_BONUS;
    ords = ords.subarray(0, n);
    return { ords, scores: scores.subarray(0, n), n };
  }

  /**
   * Documents matching the text, per language it was analysed for (the reader's and English).
   * Null when the text has no searchable word in either.
   */
  match(text: string, lang: Lang, kinds?: readonly string[]): Matches | null {
    const variants: Lang[] = lang === 'en' ? ['en'] : [lang, 'en'];
    let slot = 0;
    const kindSet = kinds?.length ? new Set(kinds.map((k) => this.kindCodes.get(k) ?? -1)) : null;
    const perLang: LangMatches[] = [];
    const phraseTerms = new Map<Lang, Set<number>[]>();
    let searchable = false;
    for (const l of variants) {
      const words = analyseWords(text, l);
      if (words.length === 0) continue;
      searchable = true;
      const part = this.parts.get(l);
      const positions = part ? this.positions(part, words) : null;
      if (!part || !positions) {
        perLang.push({ lang: l, ids: new Int32Array(0), scores: new Float32Array(0) });
        continue;
      }
      const into = (this.scratch[slot++] ??= new Scratch());
      const { ords, scores, n } = this.intersect(part, positions, kindSet, into);
      into.reserve(n);
      const ids = into.ids.subarray(0, n);
      for (let i = 0; i < n; i++) ids[i] = part.key[ords[i]!]!;
      perLang.push({ lang: l, ids, scores });
      // In the order typed, for the phrase bonus.
      if (positions.length > 1)
        phraseTerms.set(
          l,
          positions.map((p) => p.terms),
        );
    }
    if (!searchable) return null;
    return {
      perLang,
      phrase: (ids) => {
        const out = new Float32Array(ids.length).fill(1);
        for (let i = 0; i < ids.length; i++) {
          const id = ids[i]!;
          if (!this.has(id)) continue;
          const l = LANG_OF[this.langOf[id]!] as Lang;
          const terms = phraseTerms.get(l);
          if (terms && this.hasPhrase(this.parts.get(l)!, this.ordOf[id]! - 1, terms)) out[i] = PHRASE_BONUS;
        }
        return out;
      },
    };
  }

  private hasPhrase(part: Partition, ord: number, terms: Set<number>[]): boolean {
    const from = part.start[ord]!;
    const end = from + part.titleLength[ord]! + part.bodyLength[ord]!;
    const tokens = part.tokens;
    for (let i = from; i + terms.length <= end; i++) {
      let k = 0;
      while (k < terms.length && terms[k]!.has(tokens[i + k]!)) k++;
      if (k === terms.length) return true;
    }
    return false;
  }

  /**
   * Site search: every matching item once (its document in the reader's language where that
   * matched, else English), best first, ties by ref. Returns one page of document ids and the total.
   */
  search(text: string, lang: Lang, o: { kinds?: readonly string[]; offset: number; limit: number }): { hits: RankedHit[]; total: number } | null {
    const m = this.match(text, lang, o.kinds);
    if (!m) return null;
    const gen = ++this.generation;
    this.stamp = grow(this.stamp, this.refs.length);
    const most = m.perLang.reduce((t, lm) => t + lm.ids.length, 0);
    this.hitIds = grow(this.hitIds, most);
    this.hitScores = grow(this.hitScores, most);
    let total = 0;
    // The reader's language first: its documents win their ref.
    for (const lm of m.perLang) {
      for (let i = 0; i < lm.ids.length; i++) {
        const id = lm.ids[i]!;
        const ref = this.refOf[id]!;
        if (this.stamp[ref] === gen) continue;
        this.stamp[ref] = gen;
        this.hitIds[total] = id;
        this.hitScores[total++] = lm.scores[i]! * this.kindWeight[this.kindOf[id]!]!;
      }
    }
    const ids = this.hitIds;
    const scores = this.hitScores.subarray(0, total);
    const order = topK(scores, Math.max(RESCORE_WINDOW, o.offset + o.limit), (a, b) => this.refs[this.refOf[ids[a]!]!]! < this.refs[this.refOf[ids[b]!]!]!);
    const bonus = m.phrase(order.map((i) => ids[i]!));
    const ranked = order.map((i, k) => ({ id: ids[i]!, score: scores[i]! * bonus[k]! }));
    ranked.sort((a, b) => b.score - a.score || (this.refs[this.refOf[a.id]!]! < this.refs[this.refOf[b.id]!]! ? -1 : 1));
    return { hits: ranked.slice(o.offset, o.offset + o.limit), total };
  }
}
