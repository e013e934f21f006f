// The centre directory's filters and counts, in memory. Every published centre has a position;
// each facet keeps, per position, its values as bits (a facet has at most a few dozen values), so
// a filter is a mask and a position passes a facet when its bits meet the mask. Within a facet the
// values chosen are alternatives (any of them), except `status`, whose values are properties a
// centre must all have; facets narrow each other. A facet's counts are taken over the positions
// that pass every other facet, so each count says what choosing that value would give.
// 10,000 centres cost one pass over 10,000 positions per search.

export const directoryFacets = ['country', 'type', 'sector', 'eqf', 'language', 'offers', 'seeks', 'status'] as const;
export type DirectoryFacet = (typeof directoryFacets)[number];

/** The properties the `status` facet filters on. */
export const statusValues = ['accredited', 'ene', 'certificate'] as const;

export const directorySorts = ['relevance', 'name', 'country', 'updated'] as const;
export type DirectorySort = (typeof directorySorts)[number];

export type DirectoryFilters = Record<DirectoryFacet, readonly string[]>;

export interface DirectoryRow {
  id: number;
  name: string;
  country: string;
  type: string;
  sectors: readonly string[];
  eqfLevels: readonly number[];
  languages: readonly string[];
  offers: readonly string[];
  seeks: readonly string[];
  accredited: boolean;
  eneMember: boolean;
  /** the latest end of validity of a certificate it shows (ISO), or null */
  certificateUntil: string | null;
  updatedAt: string;
  /** its search document's id, when it has one */
  docId: number | null;
}

export interface DirectoryCount {
  value: string;
  count: number;
}

export interface DirectoryQuery {
  filters: DirectoryFilters;
  /** search scores by document id (higher is better); null: no text searched */
  matched: ReadonlyMap<number, number> | null;
  sort: DirectorySort;
  offset: number;
  limit: number;
  /** for a certificate's validity */
  now: string;
  /** the reader's country names, for sorting by country */
  countryName: (code: string) => string;
  withFacets: boolean;
}

export interface DirectoryResult {
  ids: number[];
  total: number;
  facets: Record<DirectoryFacet, DirectoryCount[]>;
}

interface FacetColumn {
  values: string[];
  codeOf: Map<string, number>;
  words: number;
  /** position p's bits are bits[p * words .. (p + 1) * words) */
  bits: Uint32Array;
  all: boolean;
}

const STATUS = directoryFacets.indexOf('status');
/** the mask of a filter nothing can pass */
const IMPOSSIBLE = new Uint32Array(0);

function facetColumn(size: number, valuesOf: (p: number) => readonly string[], all = false): FacetColumn {
  const codeOf = new Map<string, number>();
  const values: string[] = [];
  for (let p = 0; p < size; p++) {
    for (const v of valuesOf(p)) {
      if (!codeOf.has(v)) {
        codeOf.set(v, values.length);
        values.push(v);
      }
    }
  }
  const words = Math.max(1, (values.length + 31) >>> 5);
  const bits = new Uint32Array(size * words);
  for (let p = 0; p < size; p++) {
    for (const v of valuesOf(p)) {
      const c = codeOf.get(v)!;
      bits[p * words + (c >>> 5)]! |= 1 << (c & 31);
    }
  }
  return { values, codeOf, words, bits, all };
}

export class DirectoryIndex {
  readonly size: number;
  private readonly ids: Int32Array;
  /** the published centres it was built from (partner suggestions rank them too) */
  readonly rows: readonly DirectoryRow[];
  private readonly columns: FacetColumn[];
  /** position by search document id */
  private readonly byDoc = new Map<number, number>();
  /** each position's place in name order */
  private readonly nameRank: Int32Array;
  private readonly countryOrder = new Map<string, Int32Array>();

  constructor(rows: readonly DirectoryRow[]) {
    this.rows = rows;
    this.size = rows.length;
    this.ids = Int32Array.from(rows, (r) => r.id);
    rows.forEach((r, p) => {
      if (r.docId !== null) this.byDoc.set(r.docId, p);
    });
    const n = this.size;
    // The certificate is a property of time: its bit is checked at query time (certificateUntil).
    const status = (p: number) => {
      const r = rows[p]!;
      return [...(r.accredited ? ['accredited'] : []), ...(r.eneMember ? ['ene'] : []), ...(r.certificateUntil ? ['certificate'] : [])];
    };
    this.columns = [
      facetColumn(n, (p) => [rows[p]!.country]),
      facetColumn(n, (p) => [rows[p]!.type]),
      facetColumn(n, (p) => rows[p]!.sectors),
      facetColumn(n, (p) => rows[p]!.eqfLevels.map(String)),
      facetColumn(n, (p) => rows[p]!.languages),
      facetColumn(n, (p) => rows[p]!.offers),
      facetColumn(n, (p) => rows[p]!.seeks),
      facetColumn(n, status, true),
    ];
    const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
    const order = [...rows.keys()].sort((a, b) => collator.compare(rows[a]!.name, rows[b]!.name) || rows[a]!.id - rows[b]!.id);
    this.nameRank = new Int32Array(n);
    order.forEach((p, rank) => (this.nameRank[p] = rank));
  }

  /** Positions ordered by country name in the reader's language, then by name; kept per language. */
  private byCountry(countryName: (code: string) => string, key: string): Int32Array {
    let rank = this.countryOrder.get(key);
    if (!rank) {
      const names = new Map<string, string>();
      for (const r of this.rows) if (!names.has(r.country)) names.set(r.country, countryName(r.country));
      const collator = new Intl.Collator(key);
      const order = [...this.rows.keys()].sort(
        (a, b) => collator.compare(names.get(this.rows[a]!.country)!, names.get(this.rows[b]!.country)!) || this.nameRank[a]! - this.nameRank[b]!,
      );
      rank = new Int32Array(this.size);
      order.forEach((p, i) => (rank![p] = i));
      this.countryOrder.set(key, rank);
    }
    return rank;
  }

  query(q: DirectoryQuery, collatorLang = 'en'): DirectoryResult {
    const facets = directoryFacets.length;
    // Masks of the chosen values. Any-of with no value anybody has, or all-of with one nobody has: nothing passes.
    const masks: (Uint32Array | null)[] = this.columns.map((col, f) => {
      const chosen = q.filters[directoryFacets[f]!];
      if (chosen.length === 0) return null;
      const mask = new Uint32Array(col.words);
      let unknown = false;
      for (const v of chosen) {
        const c = col.codeOf.get(v);
        if (c === undefined) unknown = true;
        else mask[c >>> 5]! |= 1 << (c & 31);
      }
      return (col.all ? unknown : mask.every((w) => w === 0)) ? IMPOSSIBLE : mask;
    });
    const counts = this.columns.map((col) => new Int32Array(col.values.length));
    const scores = q.matched ? new Float64Array(this.size).fill(-1) : null;
    if (q.matched && scores) {
      for (const [doc, score] of q.matched) {
        const p = this.byDoc.get(doc);
        if (p !== undefined && score > scores[p]!) scores[p] = score;
      }
    }
    const certificate = this.columns[STATUS]!.codeOf.get('certificate');
    const results: number[] = [];
    for (let p = 0; p < this.size; p++) {
      if (scores && scores[p]! < 0) continue;
      const expired = certificate !== undefined && this.rows[p]!.certificateUntil !== null && this.rows[p]!.certificateUntil! <= q.now;
      let failed = -1;
      let failures = 0;
      for (let f = 0; f < facets && failures < 2; f++) {
        const mask = masks[f];
        if (!mask) continue;
        if (!this.passes(f, p, mask, expired ? certificate : -1)) {
          failed = f;
          failures++;
        }
      }
      if (failures >= 2) continue;
      if (failures === 0) results.push(p);
      if (!q.withFacets) continue;
      // Counted in every facet when it passes all; in the one it fails otherwise.
      for (let f = 0; f < facets; f++) {
        if (failures === 1 && f !== failed) continue;
        this.countInto(f, p, counts[f]!, expired ? certificate : -1);
      }
    }
    this.sort(results, q, scores, collatorLang);
    const facetsOut = Object.fromEntries(
      directoryFacets.map((name, f) => {
        const col = this.columns[f]!;
        const list: DirectoryCount[] = [];
        counts[f]!.forEach((count, c) => {
          if (count > 0) list.push({ value: col.values[c]!, count });
        });
        list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
        return [name, list];
      }),
    ) as Record<DirectoryFacet, DirectoryCount[]>;
    return { ids: results.slice(q.offset, q.offset + q.limit).map((p) => this.ids[p]!), total: results.length, facets: facetsOut };
  }

  private passes(f: number, p: number, mask: Uint32Array, without: number): boolean {
    if (mask === IMPOSSIBLE) return false;
    const col = this.columns[f]!;
    const base = p * col.words;
    for (let w = 0; w < col.words; w++) {
      let bits = col.bits[base + w]!;
      if (without >= 0 && w === without >>> 5) bits &= ~(1 << (without & 31));
      const m = mask[w]!;
      if (col.all) {
        if ((bits & m) >>> 0 !== m) return false;
      } else if ((bits & m) !== 0) return true;
    }
    return col.all;
  }

  private countInto(f: number, p: number, into: Int32Array, without: number): void {
    const col = this.columns[f]!;
    const base = p * col.words;
    for (let w = 0; w < col.words; w++) {
      let x = col.bits[base + w]!;
      if (without >= 0 && w === without >>> 5) x &= ~(1 << (without & 31));
      while (x !== 0) {
        const low = x & -x;
        into[(w << 5) + 31 - Math.clz32(low)]!++;
        x ^= low;
      }
    }
  }

  private sort(results: number[], q: DirectoryQuery, scores: Float64Array | null, lang: string): void {
    const name = this.nameRank;
    if (q.sort === 'relevance' && scores) results.sort((a, b) => scores[b]! - scores[a]! || name[a]! - name[b]!);
    else if (q.sort === 'country') {
      const rank = this.byCountry(q.countryName, lang);
      results.sort((a, b) => rank[a]! - rank[b]!);
    } else if (q.sort === 'updated')
      results.sort((a, b) =>
        this.rows[b]!.updatedAt > this.rows[a]!.updatedAt ? 1 : this.rows[b]!.updatedAt < this.rows[a]!.updatedAt ? -1 : name[a]! - name[b]!,
      );
    else results.sort((a, b) => name[a]! - name[b]!);
  }
}
