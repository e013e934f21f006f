import type { Lang } from '../../i18n/languages.ts';
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
  matches: { all: Uint8Array; inTitle: Uint8Array } | null;
}

export interface IndexResult {
  ids: number[];
  total: number;
  facets: Record<FacetName, FacetCount[]>;
}

export class FacetIndex {
  readonly size: number;
  private readonly ids: Int32Array;
  private readonly values: Record<FacetName, string[][]>;
  private readonly orders = new Map<string, Int32Array>();
  private readonly documents = new Map<number, { position: number; lang: string }>();

  constructor(rows: FacetRows, languages: readonly Lang[]) {
    this.size = rows.resources.length;
    this.ids = Int32Array.from(rows.resources.map((r) => r.id));
    const position = new Map<number, number>();
    rows.resources.forEach((r, i) => position.set(r.id, i));
    const empty = () => Array.from({ length: this.size }, () => [] as string[]);
    this.values = Object.fromEntries(facetNames.map((f) => [f, empty()])) as Record<FacetName, string[][]>;
    rows.resources.forEach((r, i) => {
      this.values.type[i]!.push(r.type);
      this.values.source[i]!.push(r.source);
      if (r.year !== null) this.values.year[i]!.push(String(r.year));
    });
    for (const link of rows.links) {
      const p = position.get(link.resource_id);
      if (p !== undefined) this.values[link.facet][p]!.push(link.value);
    }
    for (const d of rows.documents) {
      const p = position.get(d.resource_id);
      if (p !== undefined) this.documents.set(d.id, { position: p, lang: d.lang });
    }

    // Sort orders, once per language: titles compare with that language's collation.
    const titles = new Map<string, string>();
    for (const t of rows.titles) if (t.title) titles.set(`${t.resource_id}:${t.lang}`, t.title);
    const all = Int32Array.from({ length: this.size }, (_, i) => i);
    for (const lang of languages) {
      const collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
      const title = rows.resources.map((r) => titles.get(`${r.id}:${lang}`) ?? titles.get(`${r.id}:en`) ?? '');
      const byTitle = all.slice().sort((a, b) => collator.compare(title[a]!, title[b]!) || rows.resources[a]!.id - rows.resources[b]!.id);
      const rank = new Int32Array(this.size);
      byTitle.forEach((p, i) => (rank[p] = i));
      this.orders.set(`title:${lang}`, byTitle);
      this.orders.set(
        `year:${lang}`,
        all.slice().sort((a, b) => (rows.resources[b]!.year ?? -1) - (rows.resources[a]!.year ?? -1) || rank[a]! - rank[b]!),
      );
    }
    const newest = all
      .slice()
      .sort((a, b) => (rows.resources[a]!.created_at < rows.resources[b]!.created_at ? 1 : rows.resources[a]!.created_at > rows.resources[b]!.created_at ? -1 : rows.resources[b]!.id - rows.resources[a]!.id));
    for (const lang of languages) this.orders.set(`newest:${lang}`, newest);
  }

  /** Turns full-text matches (search document ids, in the language they matched) into positions. */
  matchesFrom(documents: { id: number; lang: string; inTitle: boolean }[]): { all: Uint8Array; inTitle: Uint8Array } {
    const all = new Uint8Array(this.size);
    const inTitle = new Uint8Array(this.size);
    for (const d of documents) {
      const known = this.documents.get(d.id);
      if (!known || known.lang !== d.lang) continue;
      all[known.position] = 1;
      if (d.inTitle) inTitle[known.position] = 1;
    }
    return { all, inTitle };
  }

  query(q: IndexQuery): IndexResult {
    const active = facetNames.filter((f) => q.filters[f].length > 0);
    const selected = new Map(active.map((f) => [f, new Set(q.filters[f])]));
    const counts = new Map(facetNames.map((f) => [f, new Map<string, number>()]));
    const members = new Uint8Array(this.size);
    let total = 0;
    const count = (f: FacetName, p: number) => {
      const c = counts.get(f)!;
      for (const v of this.values[f][p]!) c.set(v, (c.get(v) ?? 0) + 1);
    };

    for (let p = 0; p < this.size; p++) {
      if (q.matches && !q.matches.all[p]) continue;
      // Values within a facet are alternatives; facets narrow each other. A resource failing one
      // facet still counts for that facet: choosing that value would bring it in.
      let failures = 0;
      let failed: FacetName | null = null;
      for (const f of active) {
        const wanted = selected.get(f)!;
        if (!this.values[f][p]!.some((v) => wanted.has(v))) {
          failures++;
          failed = f;
          if (failures > 1) break;
        }
      }
      if (failures === 0) {
        members[p] = 1;
        total++;
        if (q.withFacets) for (const f of facetNames) count(f, p);
      } else if (failures === 1 && q.withFacets) count(failed!, p);
    }

    const ids: number[] = [];
    let skip = q.offset;
    const take = (order: Int32Array, keep: (p: number) => boolean) => {
      for (const p of order) {
        if (ids.length >= q.limit) return;
        if (!members[p] || !keep(p)) continue;
        if (skip > 0) skip--;
        else ids.push(this.ids[p]!);
      }
    };
    if (q.sort === 'relevance' && q.matches) {
      // Best match: resources whose title has every word first, then the rest; each by title.
      const inTitle = q.matches.inTitle;
      const byTitle = this.orders.get(`title:${q.lang}`)!;
      take(byTitle, (p) => inTitle[p] === 1);
      take(byTitle, (p) => inTitle[p] !== 1);
    } else {
      take(this.orders.get(`${q.sort === 'relevance' ? 'title' : q.sort}:${q.lang}`)!, () => true);
    }

    const facets = Object.fromEntries(
      facetNames.map((f) => [
        f,
        [...counts.get(f)!].map(([value, n]) => ({ value, count: n })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
      ]),
    ) as Record<FacetName, FacetCount[]>;
    return { ids, total, facets };
  }
}
