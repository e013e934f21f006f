import type { Lang } from '../../i18n/languages.ts';

export interface SearchDocument {
  /** topic: a public community's; member_topic: a members-only community's, found only within it */
  kind: 'package' | 'station' | 'action' | 'case_study' | 'resource' | 'spotlight' | 'centre' | 'topic' | 'member_topic';
  ref: string;
  lang: Lang;
  title: string;
  body: string;
  path: string;
  resourceId?: number | null;
  /** a topic's community (search within a community) */
  communityId?: number | null;
}

/** What the site search shows: everything but members-only communities' topics. */
export const SITE_KINDS: SearchDocument['kind'][] = ['package', 'station', 'action', 'case_study', 'resource', 'spotlight', 'centre', 'topic'];

export interface SearchHit {
  kind: SearchDocument['kind'];
  ref: string;
  lang: Lang;
  title: string;
  body: string;
  path: string;
  score: number;
}

/**
 * Documents that matched a query analysed for one language: ids, those whose title has every
 * word (the database engines), and a score per id where the engine ranks (higher is better).
 */
export interface DocumentMatches {
  lang: Lang;
  ids: ArrayLike<number>;
  titleIds: ArrayLike<number>;
  scores?: ArrayLike<number>;
}

export interface MatchResult {
  perLang: DocumentMatches[];
  /** the phrase bonus (a factor, 1 = none) of matched ids, for re-ranking the best few */
  phrase?: (ids: ArrayLike<number>) => ArrayLike<number>;
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
   * Every document of a kind (resources unless told) matching the text in the reader's language
   * or English, per language the query was analysed for, with the ids of those whose title alone
   * has every word. Ids only, no scoring, so it stays fast when a common word matches most of the
   * library. The SQLite index cannot tell kinds apart without a join, and the in-memory one does
   * not filter resources, so they may return ids of other kinds too: callers keep the ids they
   * know. Null when the text has no searchable words.
   */
  matchDocuments(text: string, lang: Lang, kind?: SearchDocument['kind']): Promise<MatchResult | null>;
  /**
   * Rebuilds the engine's own index (FTS5 terms, tsvector) from the rows of search_documents,
   * which is all a backup carries, so a restore on either engine searches as the original did.
   * Returns how many documents it indexed.
   */
  rebuild(): Promise<number>;
}
