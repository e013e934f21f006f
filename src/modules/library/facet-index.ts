import { languages, type Lang } from '../../i18n/languages.ts';
import { RESCORE_WINDOW, topK } from '../search/engine/search-index.ts';
import type { MatchResult } from '../search/provider.ts';
import { forEachBit, hasBit, intersect, popcount, positionsInto, setBit, wordsFor } from './bitset.ts';
import { facetNames, type FacetName, type Sort } from './schemas.ts';

// The e-library's filters and facet counts, computed in memory. The index holds each published
// resource's facet values and its place in every sort order; it is rebuilt from the database
// when the content version changes. A search then costs one full-text match (ids only) in the
// database, a pass over this index, and one query for the page of results shown.

export interface FacetRows {
  resources: { id: number; type: string; source: string; year: number | null; created_at: string }[];
  titles: { resource_id: number; lang: string; title: string | null }[];
  /** multi-valued facets: theme, sector, country, language, station ("2-1"), package ("2") */
  links: { resource_id: number; facet: FacetName; value: string }[];
  /** the search documents of resources: which resource and language each one is */
  documents: { id: number; resource_id: number; lang: string }[];
}

export type Filters = Record<FacetName, string[]>;

export interface FacetCount {
  value: string;
  count: number;
}

export interface IndexQuery {
  lang: Lang;
  filters: Filters;
  sort: Sort;
  offset: number;
  limit: number;
  withFacets: boolean;
  /** full-text matches, as positions; null = every resource */
  matches: Matched | null;
}

/** Full-text matches by position: which matched, whose title had every word, and the engine's score where it ranks. */
export interface Matched {
  bits: Uint32Array;
  /** by position, 1 when the title has every word (the database engines); null when none has */
  inTitle: Uint8Array | null;
  /** by position: the score of its matching document (null: the engine does not rank) */
  score: Float32Array | null;
  /** by position: the id of the document that matched, for the phrase bonus */
  doc: Int32Array | null;
  phrase?: MatchResult['phrase'];
}

export interface IndexResult {
  ids: number[];
  total: number;
  facets: Record<FacetName, FacetCount[]>;
}

/**
 * One facet's values in compressed-row form: the codes of resource p are flat[start[p]..start[p+1]).
 * A facet with at most one value per resource (type, source, year) also has them as `single`
 * (code by position, -1 for none), which counts faster.
 */
interface Column {
  values: string[];
  codeOf: Map<string, number>;
  start: Int32Array;
  flat: Int32Array;
  single: Int32Array | null;
  /** each code's place among the values in alphabetical order (ties between equal counts) */
  rank: Int32Array;
}

function column(size: number, pairs: [position: number, value: string][]): Column {
  const values: string[] = [];
  const codeOf = new Map<string, number>();
  const start = new Int32Array(size + 1);
  for (const [p] of pairs) start[p + 1]!++;
  for (let p = 0; p < size; p++) start[p + 1]! += start[p]!;
  const fill = start.slice(0, size);
  const flat = new Int32Array(pairs.length);
  for (const [p, v] of pairs) {
    let code = codeOf.get(v);
    if (code === undefined) {
      code = values.push(v) - 1;
      codeOf.set(v, code);
    }
    flat[fill[p]!++] = code;
  }
  let single: Int32Array | null = new Int32Array(size).fill(-1);
  for (let p = 0; p < size && single; p++) {
    const n = start[p + 1]! - start[p]!;
    if (n > 1) single = null;
    else if (n === 1) single[p] = flat[start[p]!]!;
  }
  const rank = new Int32Array(values.length);
  values
    .map((v, code) => ({ v, code }))
    .sort((a, b) => a.v.localeCompare(b.v))
    .forEach(({ code }, i) => (rank[code] = i));
  return { values, codeOf, start, flat, single, rank };
}

/** Adds the values of the resources at positions[0..n) to counts (by code). */
function countColumn(col: Column, positions: Int32Array, n: number, counts: Int32Array): void {
  const single = col.single;
  if (single) {
    for (let i = 0; i < n; i++) {
      const code = single[positions[i]!]!;
      if (code >= 0) counts[code]!++;
    }
    return;
  }
  const { start, flat } = col;
  for (let i = 0; i < n; i++) {
    const p = positions[i]!;
    for (let k = start[p]!, end = start[p + 1]!; k < end; k++) counts[flat[k]!]!++;
  }
}

/** A small code per language (0 = none), in `languages` order. */
const LANG_CODES: Record<string, number> = Object.fromEntries(languages.map((l, i) => [l, i + 1]));

/** A facet column as plain data (its code lookup is rebuilt from the values). */
type ColumnState = Omit<Column, 'codeOf'>;

/**
 * Everything the facet index holds, as plain data a worker thread can send (platform/offthread):
 * typed arrays, strings and maps of them.
 */
export interface FacetState {
  /** resource id by position */
  ids: Int32Array;
  columns: Record<FacetName, ColumnState>;
  /** "title:en", "year:fr", "newest:ar" … → positions in that order */
  orders: Map<string, Int32Array>;
  /** per language: each position's place in the title order */
  titleRanks: Map<string, Int32Array>;
  /** search document id → position + 1 (0 = not a resource document), and its language code */
  docPosition: Int32Array;
  docLang: Uint8Array;
  /** per facet, per value code: the positions with it, as bits */
  valueBits: Record<FacetName, Uint32Array[]>;
}

/** Computes the facet index's contents from the database's rows (the costly part, in a worker thread for a large library). */
export function facetState(rows: FacetRows, languages: readonly Lang[]): FacetState {
  const size = rows.resources.length;
  const ids = Int32Array.from(rows.resources.map((r) => r.id));
  const position = new Map<number, number>();
  rows.resources.forEach((r, i) => position.set(r.id, i));
  const pairs = Object.fromEntries(facetNames.map((f) => [f, [] as [number, string][]])) as Record<FacetName, [number, string][]>;
  rows.resources.forEach((r, i) => {
    pairs.type.push([i, r.type]);
    pairs.source.push([i, r.source]);
    if (r.year !== null) pairs.year.push([i, String(r.year)]);
  });
  for (const link of rows.links) {
    const p = position.get(link.resource_id);
    if (p !== undefined) pairs[link.facet].push([p, link.value]);
  }
  const columns = Object.fromEntries(
    facetNames.map((f) => {
      const { codeOf: _, ...col } = column(size, pairs[f]);
      return [f, col];
    }),
  ) as Record<FacetName, ColumnState>;
  const words = wordsFor(size);
  const valueBits = Object.fromEntries(
    facetNames.map((f) => {
      const col = columns[f];
      const sets = col.values.map(() => new Uint32Array(words));
      for (let p = 0; p < size; p++) for (let i = col.start[p]!; i < col.start[p + 1]!; i++) setBit(sets[col.flat[i]!]!, p);
      return [f, sets];
    }),
  ) as Record<FacetName, Uint32Array[]>;

  const maxDoc = rows.documents.reduce((m, d) => Math.max(m, d.id), 0);
  const docPosition = new Int32Array(maxDoc + 1);
  const docLang = new Uint8Array(maxDoc + 1);
  for (const d of rows.documents) {
    const p = position.get(d.resource_id);
    if (p === undefined) continue;
    docPosition[d.id] = p + 1;
    docLang[d.id] = LANG_CODES[d.lang] ?? 0;
  }

  // Sort orders, once per language: titles compare with that language's collation.
  const orders = new Map<string, Int32Array>();
  const titleRanks = new Map<string, Int32Array>();
  const titles = new Map<string, string>();
  for (const t of rows.titles) if (t.title) titles.set(`${t.resource_id}:${t.lang}`, t.title);
  const all = Int32Array.from({ length: size }, (_, i) => i);
  for (const lang of languages) {
    const collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
    const title = rows.resources.map((r) => titles.get(`${r.id}:${lang}`) ?? titles.get(`${r.id}:en`) ?? '');
    const byTitle = all.slice().sort((a, b) => collator.compare(title[a]!, title[b]!) || rows.resources[a]!.id - rows.resources[b]!.id);
    const rank = new Int32Array(size);
    byTitle.forEach((p, i) => (rank[p] = i));
    orders.set(`title:${lang}`, byTitle);
    titleRanks.set(lang, rank);
    orders.set(
      `year:${lang}`,
      all.slice().sort((a, b) => (rows.resources[b]!.year ?? -1) - (rows.resources[a]!.year ?? -1) || rank[a]! - rank[b]!),
    );
  }
  const created = rows.resources.map((r) => r.created_at);
  const newest = all.slice().sort((a, b) => (created[a]! < created[b]! ? 1 : created[a]! > created[b]! ? -1 : ids[b]! - ids[a]!));
  for (const lang of languages) orders.set(`newest:${lang}`, newest);
  return { ids, columns, orders, titleRanks, docPosition, docLang, valueBits };
}

export class FacetIndex {
  readonly size: number;
  private readonly ids: Int32Array;
  private readonly columns: Record<FacetName, Column>;
  private readonly orders: Map<string, Int32Array>;
  private readonly titleRanks: Map<string, Int32Array>;
  private readonly docPosition: Int32Array;
  private readonly docLang: Uint8Array;
  /** positions as bits: every resource, and those with each value of each facet */
  private readonly words: number;
  private readonly everything: Uint32Array;
  private readonly valueBits: Record<FacetName, Uint32Array[]>;
  /** scratch space of matchesFrom(), read by the query() that follows it (both synchronous) */
  private readonly scoreOf: Float32Array;
  private readonly docOf: Int32Array;
  /** scratch space of query(): the positions of a set being counted, then of the results being ranked, and their scores */
  private readonly positions: Int32Array;
  private readonly rankScores: Float32Array;

  /** The index of what facetState() computed (its arrays are used as they are, not copied). */
  constructor(state: FacetState) {
    this.size = state.ids.length;
    this.ids = state.ids;
    this.columns = Object.fromEntries(
      facetNames.map((f) => {
        const col = state.columns[f];
        return [f, { ...col, codeOf: new Map(col.values.map((v, code) => [v, code])) }];
      }),
    ) as Record<FacetName, Column>;
    this.orders = state.orders;
    this.titleRanks = state.titleRanks;
    this.docPosition = state.docPosition;
    this.docLang = state.docLang;
    this.valueBits = state.valueBits;
    this.words = wordsFor(this.size);
    this.everything = new Uint32Array(this.words);
    for (let p = 0; p < this.size; p++) setBit(this.everything, p);
    this.scoreOf = new Float32Array(this.size);
    this.docOf = new Int32Array(this.size);
    this.positions = new Int32Array(this.size);
    this.rankScores = new Float32Array(this.size);
  }

  static fromRows(rows: FacetRows, languages: readonly Lang[]): FacetIndex {
    return new FacetIndex(facetState(rows, languages));
  }

  /**
   * Turns full-text matches (search document ids, per language the query was analysed for) into
   * positions. Scores are written into scratch space this index owns: pass the result straight to
   * query(), as the service does, before another search's matchesFrom().
   */
  matchesFrom(result: MatchResult): Matched {
    const bits = new Uint32Array(this.words);
    let inTitle: Uint8Array | null = null;
    const ranked = result.perLang.some((m) => m.scores);
    const score = ranked ? this.scoreOf : null;
    const doc = ranked ? this.docOf : null;
    for (const m of result.perLang) {
      const lang = LANG_CODES[m.lang] ?? -1;
      const { ids, scores } = m;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        // A document counts only in the language the query was analysed for.
        if (id >= this.docPosition.length || this.docLang[id] !== lang || this.docPosition[id]! === 0) continue;
        const p = this.docPosition[id]! - 1;
        // The reader's language comes first: its document's score stands.
        if (hasBit(bits, p)) continue;
        setBit(bits, p);
        if (score && doc) {
          score[p] = scores ? scores[i]! : 0;
          doc[p] = id;
        }
      }
      for (let i = 0; i < m.titleIds.length; i++) {
        const id = m.titleIds[i]!;
        if (id < this.docPosition.length && this.docLang[id] === lang && this.docPosition[id]! > 0)
          (inTitle ??= new Uint8Array(this.size))[this.docPosition[id]! - 1] = 1;
      }
    }
    return { bits, inTitle, score, doc, phrase: result.phrase };
  }

  /** The positions with any of the chosen values of a facet (values nobody has match nothing). */
  private allowed(f: FacetName, chosen: string[]): Uint32Array {
    const col = this.columns[f];
    const codes = chosen.map((v) => col.codeOf.get(v)).filter((c): c is number => c !== undefined);
    if (codes.length === 1) return this.valueBits[f][codes[0]!]!;
    const out = new Uint32Array(this.words);
    for (const c of codes) {
      const bits = this.valueBits[f][c]!;
      for (let w = 0; w < this.words; w++) out[w]! |= bits[w]!;
    }
    return out;
  }

  query(q: IndexQuery): IndexResult {
    const matched = q.matches?.bits ?? this.everything;
    const active = facetNames.filter((f) => q.filters[f].length > 0);
    const allowed = active.map((f) => this.allowed(f, q.filters[f]));
    // Values within a facet are alternatives; facets narrow each other.
    const members = intersect(new Uint32Array(this.words), [matched, ...allowed]);
    const total = popcount(members);

    const counts = new Map(facetNames.map((f) => [f, new Int32Array(this.columns[f].values.length)]));
    if (q.withFacets) {
      // The set's positions are listed once, then each facet is counted over them in a loop of its
      // own (this is the hot path of every search).
      const countInto = (fs: FacetName[], set: Uint32Array) => {
        const n = positionsInto(set, this.positions);
        for (const f of fs) countColumn(this.columns[f], this.positions, n, counts.get(f)!);
      };
      // A facet not chosen counts the results; a chosen one counts what choosing another of its
      // values would bring in: the matches that pass every other chosen facet.
      countInto(
        facetNames.filter((f) => !active.includes(f)),
        members,
      );
      active.forEach((f, i) => countInto([f], intersect(new Uint32Array(this.words), [matched, ...allowed.filter((_, k) => k !== i)])));
    }
    const facets = this.facetLists(counts);

    if (q.sort === 'relevance' && q.matches?.score) return { ids: this.byScore(q, members, total), total, facets };
    const ids: number[] = [];
    let skip = q.offset;
    const take = (order: Int32Array, keep: (p: number) => boolean) => {
      for (const p of order) {
        if (ids.length >= q.limit) return;
        if (!hasBit(members, p) || !keep(p)) continue;
        if (skip > 0) skip--;
        else ids.push(this.ids[p]!);
      }
    };
    if (q.sort === 'relevance' && q.matches) {
      // Best match without scores: resources whose title has every word first, then the rest; each by title.
      const inTitle = q.matches.inTitle;
      const byTitle = this.orders.get(`title:${q.lang}`)!;
      take(byTitle, (p) => inTitle?.[p] === 1);
      take(byTitle, (p) => inTitle?.[p] !== 1);
    } else {
      take(this.orders.get(`${q.sort === 'relevance' ? 'title' : q.sort}:${q.lang}`)!, () => true);
    }
    return { ids, total, facets };
  }

  /** Best match by the engine's scores: the best few re-ranked with the phrase bonus, then by score; ties by title. */
  private byScore(q: IndexQuery, members: Uint32Array, total: number): number[] {
    const m = q.matches!;
    const score = m.score!;
    // The scratch arrays: the facet counts that used `positions` are done.
    const positions = this.positions;
    const scores = this.rankScores.subarray(0, total);
    let n = 0;
    forEachBit(members, (p) => {
      positions[n] = p;
      scores[n++] = score[p]!;
    });
    const rank = this.titleRanks.get(q.lang)!;
    const before = (a: number, b: number) => rank[positions[a]!]! < rank[positions[b]!]!;
    const best = topK(scores, Math.max(RESCORE_WINDOW, q.offset + q.limit), before);
    if (m.phrase && m.doc) {
      const bonus = m.phrase(best.map((i) => m.doc![positions[i]!]!));
      best.forEach((i, k) => (scores[i] = scores[i]! * bonus[k]!));
      best.sort((a, b) => scores[b]! - scores[a]! || (before(a, b) ? -1 : 1));
    }
    return best.slice(q.offset, q.offset + q.limit).map((i) => this.ids[positions[i]!]!);
  }

  private facetLists(counts: Map<FacetName, Int32Array>): Record<FacetName, FacetCount[]> {
    return Object.fromEntries(
      facetNames.map((f) => {
        const c = counts.get(f)!;
        const { values, rank } = this.columns[f];
        const codes: number[] = [];
        for (let code = 0; code < c.length; code++) if (c[code]! > 0) codes.push(code);
        // Most first; equal counts alphabetically (by rank: comparing strings each time cost more than counting)
        codes.sort((a, b) => c[b]! - c[a]! || rank[a]! - rank[b]!);
        return [f, codes.map((code) => ({ value: values[code]!, count: c[code]! }))];
      }),
    ) as Record<FacetName, FacetCount[]>;
  }
}
