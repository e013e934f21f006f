import { setImmediate as yieldToRequests } from 'node:timers/promises';
import type { DB } from '../../db/database.ts';
import type { Lang } from '../../i18n/languages.ts';
import type { SearchProvider } from '../search/index.ts';
import { buildFacetState } from './facet-build.ts';
import { FacetIndex, type FacetCount, type FacetState, type Filters } from './facet-index.ts';
import * as repo from './repository.ts';
import { facetNames, type FacetName, type LibraryQuery, type Sort } from './schemas.ts';

export type { ResourceCard, Resource } from './repository.ts';
export type { FacetCount } from './facet-index.ts';

export const PER_PAGE = 20;

export interface LibraryPage {
  items: repo.ResourceCard[];
  total: number;
  facets: Record<FacetName, FacetCount[]>;
}

export function noFilters(partial: Partial<Filters> = {}): Filters {
  return { ...(Object.fromEntries(facetNames.map((f) => [f, []])) as unknown as Filters), ...partial };
}

/**
 * The e-library. The facet index is built once per content version (one build at a time; `build`
 * may run it in a worker thread) and shared by every language; a search runs one full-text match and one query for the page shown.
 */
export function libraryService(db: DB, search: SearchProvider, contentVersion: () => string, o: { build?: () => Promise<FacetState> } = {}) {
  const build = o.build ?? (() => buildFacetState(db));
  let cached: { version: string; index: Promise<FacetIndex> } | null = null;
  const index = (): Promise<FacetIndex> => {
    const version = contentVersion();
    if (cached?.version !== version) {
      const building = build().then((state) => new FacetIndex(state));
      cached = { version, index: building };
      // A failed build is retried by the next request instead of being remembered.
      building.catch(() => {
        if (cached?.index === building) cached = null;
      });
    }
    return cached.index;
  };

  async function find(req: { lang: Lang; q: string; filters: Filters; sort: Sort; offset: number; limit: number; withFacets: boolean }): Promise<LibraryPage> {
    const [idx, matched] = await Promise.all([index(), req.q ? search.matchDocuments(req.q, req.lang) : Promise.resolve(null)]);
    if (req.q && matched === null) {
      return { items: [], total: 0, facets: Object.fromEntries(facetNames.map((f) => [f, []])) as unknown as LibraryPage['facets'] };
    }
    const result = idx.query({ ...req, matches: matched ? idx.matchesFrom(matched) : null });
    // A new search is two steps of a few milliseconds rather than one: what arrived meanwhile (a
    // cached page above all) is answered between them (http/turns.ts).
    if (req.q) await yieldToRequests();
    return { items: await repo.cardsByIds(db, result.ids, req.lang), total: result.total, facets: result.facets };
  }

  return {
    /** Builds the index ahead of the first search (start-up, benchmarks). */
    warm: () => index().then(() => undefined),

    async list(lang: Lang, query: LibraryQuery) {
      const sort: Sort = query.sort ?? (query.q ? 'relevance' : 'title');
      const filters = noFilters(Object.fromEntries(facetNames.map((f) => [f, query[f]])));
      const page = await find({ lang, q: query.q, filters, sort, offset: (query.page - 1) * PER_PAGE, limit: PER_PAGE, withFacets: true });
      return { ...page, sort, pages: Math.max(1, Math.ceil(page.total / PER_PAGE)) };
    },

    /** The first resources of a station by title, and how many it has in all. */
    forStation: (lang: Lang, packageNumber: number, position: number, limit: number) =>
      find({ lang, q: '', filters: noFilters({ station: [`${packageNumber}-${position}`] }), sort: 'title', offset: 0, limit, withFacets: false }),

    recent: (lang: Lang, limit: number) =>
      find({ lang, q: '', filters: noFilters(), sort: 'newest', offset: 0, limit, withFacets: false }).then((p) => p.items),

    resource: (slug: string, lang: Lang) => repo.getResource(db, slug, lang),
  };
}

export type LibraryService = ReturnType<typeof libraryService>;
