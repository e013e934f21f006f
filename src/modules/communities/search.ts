import type { DB } from '../../db/database.ts';
import { siteLang, type Lang } from '../../i18n/languages.ts';
import type { User } from '../accounts/repository.ts';
import type { SearchProvider } from '../search/provider.ts';
import { hitRows } from '../search/repository/documents.ts';
import * as repo from './repository.ts';
import type { CommunitiesService } from './service.ts';

// Search within a community, public or members-only, for whoever may read it, through the search
// provider (the same index as the site search, on either database). The query is analysed in
// each language the community's topics are written in, and the reader's, so a French word finds
// French topics for a reader of the English page too. The matches are kept to the community's
// own documents (one look-up on their index), ranked by the engine's score (where it ranks) or a
// title match, then the newest first. Which documents are a community's is kept a few seconds
// per community (reading 10,000 of them was half of a search's time on PostgreSQL): a topic
// written meanwhile is found once they are read again; one removed is gone from the matches at once.

export const RESULTS_PER_PAGE = 20;
/** how long a community's list of documents is kept, and for how many communities at most */
const DOCUMENTS_MS = 5000;
const DOCUMENTS_KEPT = 200;

export interface CommunityHit {
  title: string;
  body: string;
  path: string;
  lang: string;
}

export function communitySearch(db: DB, o: { search: Pick<SearchProvider, 'matchDocuments' | 'index' | 'remove'>; communities: CommunitiesService }) {
  const kept = new Map<number, { at: number; ids: Set<number>; langs: Set<Lang> }>();
  /** A community's documents: their ids and the languages they are in. */
  async function documentsOf(communityId: number) {
    const now = Date.now();
    const found = kept.get(communityId);
    if (found && now - found.at < DOCUMENTS_MS) return found;
    const docs = await repo.search.documentsOf(db, communityId);
    const entry = { at: now, ids: new Set(docs.map((d) => d.id)), langs: new Set(docs.map((d) => siteLang(d.lang))) };
    kept.delete(communityId);
    kept.set(communityId, entry);
    // The oldest entries go first.
    for (const key of kept.keys()) {
      if (kept.size <= DOCUMENTS_KEPT) break;
      kept.delete(key);
    }
    return entry;
  }

  return {
    /** A page of a community's topics matching `q`; null when the person may not read the community. */
    async find(slug: string, user: User | null, lang: Lang, q: string, page: number) {
      const p = await o.communities.page(slug, user, lang);
      if (!p || !p.read) return null;
      if (!q) return { ...p, hits: [] as CommunityHit[], total: 0 };
      const docs = await documentsOf(p.row.id);
      const own = docs.ids;
      const kind = p.row.visibility === 'public' ? 'topic' : 'member_topic';
      const langs = new Set<Lang>([lang, ...docs.langs]);
      const scores = new Map<number, number>();
      for (const found of await Promise.all([...langs].map((l) => o.search.matchDocuments(q, l, kind)))) {
        for (const l of found?.perLang ?? []) {
          const titled = new Set(Array.from(l.titleIds));
          for (let i = 0; i < l.ids.length; i++) {
            const id = l.ids[i]!;
            if (!own.has(id)) continue;
            const score = l.scores ? l.scores[i]! : titled.has(id) ? 2 : 1;
            scores.set(id, Math.max(score, scores.get(id) ?? 0));
          }
        }
      }
      const ranked = [...scores].sort((a, b) => b[1] - a[1] || b[0] - a[0]).map(([id]) => id);
      const ids = ranked.slice((page - 1) * RESULTS_PER_PAGE, page * RESULTS_PER_PAGE);
      const rows = new Map((ids.length ? await hitRows(db, ids) : []).map((r) => [r.id, r]));
      const hits = ids.flatMap((id) => {
        const r = rows.get(id);
        return r ? [{ title: r.title, body: r.body, path: r.path, lang: r.lang }] : [];
      });
      return { ...p, hits, total: ranked.length };
    },

    /** Indexes the topics the search lacks (from before topics named their community); how many. */
    async indexMissing(): Promise<number> {
      const ids = await repo.search.unindexedTopics(db);
      for (const id of ids) await o.communities.indexTopic(id);
      return ids.length;
    },
  };
}

export type CommunitySearch = ReturnType<typeof communitySearch>;
