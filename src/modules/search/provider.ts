import type { RawBuilder } from 'kysely';
import type { Lang } from '../../i18n/languages.ts';

export interface SearchDocument {
  kind: 'package' | 'station' | 'action' | 'case_study' | 'resource' | 'spotlight';
  ref: string;
  lang: Lang;
  title: string;
  body: string;
  path: string;
  resourceId?: number | null;
}

export interface SearchHit {
  kind: SearchDocument['kind'];
  ref: string;
  lang: Lang;
  title: string;
  body: string;
  path: string;
  score: number;
}

export interface SearchQuery {
  text: string;
  lang: Lang;
  kinds?: SearchDocument['kind'][];
  limit: number;
  offset: number;
}

/**
 * Full-text search, one implementation per database engine. Both pass the same tests
 * (search.test.ts). A query matches documents in the reader's language and in English, the
 * language every item has; each item counts once, in the reader's language where it exists.
 */
export interface SearchProvider {
  /** Adds or replaces documents (by ref and lang). */
  index(documents: SearchDocument[]): Promise<void>;
  /** Removes every document whose ref starts with one of the prefixes. */
  remove(refPrefixes: string[]): Promise<void>;
  search(query: SearchQuery): Promise<{ hits: SearchHit[]; total: number }>;
  /**
   * A subquery yielding (resource_id, score) for resources whose text matches, lower score =
   * better; null when the text has no searchable words. Used by the e-library to combine
   * full-text search with its facets in one SQL statement.
   */
  matchingResources(text: string, lang: Lang): RawBuilder<{ resource_id: number; score: number }> | null;
}
