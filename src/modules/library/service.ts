import type { DB } from '../../db/database.ts';
import type { Lang } from '../../i18n/languages.ts';
import type { SearchProvider } from '../search/index.ts';
import * as repo from './repository.ts';
import { facetNames, type LibraryQuery, type Sort } from './schemas.ts';

export const PER_PAGE = 20;

export function libraryService(db: DB, search: SearchProvider) {
  return {
    async list(lang: Lang, query: LibraryQuery) {
      const sort: Sort = query.sort ?? (query.q ? 'relevance' : 'title');
      const filters = repo.filters(Object.fromEntries(facetNames.map((f) => [f, query[f]])));
      const result = await repo.searchLibrary(db, search, {
        lang,
        q: query.q,
        filters,
        sort,
        offset: (query.page - 1) * PER_PAGE,
        limit: PER_PAGE,
      });
      return { ...result, sort, pages: Math.max(1, Math.ceil(result.total / PER_PAGE)) };
    },
    resource: (slug: string, lang: Lang) => repo.getResource(db, slug, lang),
    recent: (lang: Lang, limit: number) =>
      repo.searchLibrary(db, search, { lang, q: '', filters: repo.filters(), sort: 'newest', offset: 0, limit, withFacets: false }),
  };
}

export type LibraryService = ReturnType<typeof libraryService>;
