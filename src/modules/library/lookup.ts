import type { Lang } from '../../i18n/languages.ts';
import type { SearchProvider } from '../search/provider.ts';
import { FacetIndex, type FacetCount, type FacetState, type Filters } from './facet-index.ts';
import { facetNames, type FacetName, type Sort } from './schemas.ts';

// The e-library's search without its cards: which resources a request finds (a page of ids),
// how many, and the facet counts. It runs where the indexes are: in the server's thread, or in
// the search thread (search/thread/host.ts), which answers the same requests.

export interface LookupRequest {
  lang: Lang;
  q: string;
  filters: Filters;
  sort: Sort;
  offset: number;
  limit: number;
  withFacets: boolean;
}

export interface LookupResult {
  ids: number[];
  total: number;
  facets: Record<FacetName, FacetCount[]>;
}

export interface Lookup {
  find(req: LookupRequest): Promise<LookupResult>;
  /** Builds the facet index ahead of the first search. */
  warm(): Promise<void>;
}

/**
 * Lookups answered here: the facet index is built once per content version (one build at a
 * time; `build` may run it in a worker thread) and shared by every language; a search runs one
 * full-text match through `search` and one pass over the facet index.
 */
export function localLookup(search: Pick<SearchProvider, 'matchDocuments'>, contentVersion: () => string, build: () => Promise<FacetState>): Lookup {
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
  return {
    async find(req) {
      const [idx, matched] = await Promise.all([index(), req.q ? search.matchDocuments(req.q, req.lang) : Promise.resolve(null)]);
      if (req.q && matched === null)
        return { ids: [], total: 0, facets: Object.fromEntries(facetNames.map((f) => [f, []])) as unknown as LookupResult['facets'] };
      return idx.query({ ...req, matches: matched ? idx.matchesFrom(matched) : null });
    },
    warm: () => index().then(() => undefined),
  };
}
