import type { DB } from '../../db/database.ts';
import { nextPass } from '../../http/turns.ts';
import type { Lang } from '../../i18n/languages.ts';
import type { SearchProvider } from '../search/index.ts';
import { buildFacetState } from './facet-build.ts';
import type { FacetCount, FacetState, Filters } from './facet-index.ts';
import { localLookup, type Lookup, type LookupRequest } from './lookup.ts';
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
 * The e-library: searches go to a lookup (lookup.ts: in this thread by default, or the search
 * thread's), and the cards of the page shown come from the database.
 */
export function libraryService(db: DB, search: SearchProvider, contentVersion: () => string, o: { build?: () => Promise<FacetState>; lookup?: Lookup } = {}) {
  const lookup = o.lookup ?? localLookup(search, contentVersion, o.build ?? (() => buildFacetState(db)));

  async function find(req: LookupRequest): Promise<LibraryPage> {
    const result = await lookup.find(req);
    // A new search's cards and page come on a pass of the event loop of their own: what arrived
    // meanwhile (a cached page above all) is answered first (http/turns.ts).
    if (req.q) await nextPass();
    return { items: await repo.cardsByIds(db, result.ids, req.lang), total: result.total, facets: result.facets };
  }

  return {
    /** Builds the index ahead of the first search (start-up, benchmarks). */
    warm: () => lookup.warm(),

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
