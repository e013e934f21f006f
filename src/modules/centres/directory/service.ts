import type { DB } from '../../../db/database.ts';
import { nextPass } from '../../../http/turns.ts';
import type { Lang } from '../../../i18n/languages.ts';
import type { SearchProvider } from '../../search/index.ts';
import { DirectoryIndex, directoryFacets, type DirectoryCount, type DirectoryFacet, type DirectoryRow, type DirectorySort } from './directory-index.ts';
import { directoryCards, directoryFingerprint, directoryRows, type DirectoryCard } from './repository.ts';
import type { DirectoryQueryInput } from './schemas.ts';

// The centre directory: the text goes to the search engine (centre documents, written by the
// centres service), filters and counts to the directory index, kept in memory and rebuilt when
// the centres' fingerprint moves. A change made through this instance is seen at once
// (`changed`); one made elsewhere within `pollMs` (0: the fingerprint is read on every search).

export const DIRECTORY_PER_PAGE = 20;

export interface DirectoryPage {
  items: DirectoryCard[];
  total: number;
  facets: Record<DirectoryFacet, DirectoryCount[]>;
  sort: DirectorySort;
  pages: number;
}

export function directoryService(db: DB, search: Pick<SearchProvider, 'matchDocuments'>, o: { pollMs: number }) {
  let state: { fingerprint: string; index: DirectoryIndex } | null = null;
  let checking: Promise<{ fingerprint: string; index: DirectoryIndex }> | null = null;
  let checkedAt = 0;
  let dirty = true;

  function current(): Promise<{ fingerprint: string; index: DirectoryIndex }> {
    if (state && !dirty && o.pollMs > 0 && Date.now() - checkedAt < o.pollMs) return Promise.resolve(state);
    checking ??= (async () => {
      // Cleared before reading, so a change made while this runs marks the index dirty again.
      dirty = false;
      const fingerprint = await directoryFingerprint(db);
      checkedAt = Date.now();
      if (state?.fingerprint !== fingerprint) state = { fingerprint, index: new DirectoryIndex(await directoryRows(db)) };
      return state;
    })().finally(() => {
      checking = null;
    });
    return checking;
  }

  /** Document ids matching the text, with a score each (the engine's, or 2 for a title match and 1 otherwise). */
  async function matched(q: string, lang: Lang): Promise<Map<number, number> | null> {
    if (!q) return null;
    const found = await search.matchDocuments(q, lang, 'centre');
    const scores = new Map<number, number>();
    for (const l of found?.perLang ?? []) {
      const titled = new Set(Array.from(l.titleIds));
      for (let i = 0; i < l.ids.length; i++) {
        const id = l.ids[i]!;
        const score = l.scores ? l.scores[i]! : titled.has(id) ? 2 : 1;
        scores.set(id, Math.max(score, scores.get(id) ?? 0));
      }
    }
    return scores;
  }

  return {
    /** Tells the directory that a centre changed here: the next search reads the fingerprint. */
    changed() {
      dirty = true;
    },

    /** Every published centre as the directory holds it, current as a search would see it. */
    async rows(): Promise<readonly DirectoryRow[]> {
      return (await current()).index.rows;
    },

    cards: (ids: number[]) => directoryCards(db, ids),

    /** What the cached pages of the directory are keyed on. */
    async version(): Promise<string> {
      return (await current()).fingerprint;
    },

    /** A page of results with their counts; `cards: false` for the counts alone (the map shows no results). */
    async list(lang: Lang, query: DirectoryQueryInput, countryName: (code: string) => string, o: { cards?: boolean } = {}): Promise<DirectoryPage> {
      const sort: DirectorySort = query.sort && (query.sort !== 'relevance' || query.q) ? query.sort : query.q ? 'relevance' : 'name';
      const [{ index }, scores] = await Promise.all([current(), matched(query.q, lang)]);
      const filters = Object.fromEntries(directoryFacets.map((f) => [f, query[f]])) as Record<DirectoryFacet, string[]>;
      const result = index.query(
        {
          filters,
          matched: scores,
          sort,
          offset: (query.page - 1) * DIRECTORY_PER_PAGE,
          limit: o.cards === false ? 0 : DIRECTORY_PER_PAGE,
          now: new Date().toISOString(),
          countryName,
          withFacets: true,
        },
        lang,
      );
      // The cards come on a pass of the event loop of their own (http/turns.ts).
      if (query.q) await nextPass();
      return {
        items: await directoryCards(db, result.ids),
        total: result.total,
        facets: result.facets,
        sort,
        pages: Math.max(1, Math.ceil(result.total / DIRECTORY_PER_PAGE)),
      };
    },
  };
}

export type DirectoryService = ReturnType<typeof directoryService>;
