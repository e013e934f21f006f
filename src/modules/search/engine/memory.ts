import type { DB } from '../../../db/database.ts';
import type { Lang } from '../../../i18n/languages.ts';
import type { MatchResult, SearchDocument, SearchHit, SearchProvider, SearchQuery } from '../provider.ts';
import * as repo from '../repository/documents.ts';
import { buildSearchIndex, type BuiltIndex } from './build.ts';
import { SearchIndex } from './search-index.ts';

// The search provider every instance answers from (decision 0016): an in-memory index
// (search-index.ts) built from search_documents once, then kept up to date from search_log,
// the change log the database's triggers write (migration 0020). Writes still go to the
// database through the engine's own provider (`writer`), which stays the shared source of truth
// and keeps its full-text index, so `SEARCH_ENGINE=database` can answer instead.
//
// When is the index current? Before answering, a search catches up if the content version moved
// (every content change bumps it), and at most once a second it also looks at the log in the
// background: a change another instance made reaches this one within that second even if its
// version bump came first. On PostgreSQL a transaction that took an earlier number can commit after
// a later one, so a number skipped in what was read is asked for again, by number, for ten seconds
// (a rolled-back transaction leaves a number that never comes). Nothing already applied is read
// twice: after a bulk write, the next look reads only what is new.

const LATE_MS = 10_000;
/** at most this many skipped numbers are kept waiting (the oldest give way) */
const MAX_MISSING = 1000;
const CHECK_EVERY_MS = 1000;
/** how long the log keeps entries; an instance further behind than this rebuilds */
const KEEP_LOG_MS = 24 * 3600_000;

/** Drops log entries older than any instance may still need (an instance further behind rebuilds). */
export function pruneSearchLog(db: DB, now: () => number = Date.now): Promise<void> {
  return repo.pruneLog(db, new Date(now() - KEEP_LOG_MS).toISOString());
}

export interface MemorySearch extends SearchProvider {
  /** Builds the index ahead of the first search (start-up). */
  warm(): Promise<{ documents: number; ms: number }>;
  /** Applies what changed since the last time (tests; the searches call it themselves). */
  refresh(): Promise<void>;
  /** how many times the index was built as a whole (start-up, restores) */
  readonly builds: number;
  /** how many log entries were read since start-up (each should be read once) */
  readonly logEntriesRead: number;
}

interface Options {
  contentVersion: () => string;
  /** builds the index as a whole (in a worker thread for a large library: search/index.ts); default here */
  build?: () => Promise<BuiltIndex>;
  now?: () => number;
}

export function memorySearch(db: DB, writer: SearchProvider, options: Options): MemorySearch {
  const now = options.now ?? Date.now;
  let index: SearchIndex | null = null;
  let building: Promise<SearchIndex> | null = null;
  let lastSeq = 0;
  /** the log's last number when the index was built: a "rebuilt" entry up to it is in the index already */
  let builtAt = 0;
  /** numbers below lastSeq not read yet, which a slow transaction may still commit: seq → when first missed */
  const missing = new Map<number, number>();
  let logEntriesRead = 0;
  let syncedVersion = '';
  let syncing: Promise<void> | null = null;
  let lastCheck = 0;

  let builds = 0;
  async function build(): Promise<SearchIndex> {
    builds++;
    const { top, state } = await (options.build ?? (() => buildSearchIndex(db)))();
    lastSeq = top;
    builtAt = top;
    missing.clear();
    // What the build could not see: numbers among the recent entries that are not there yet.
    const recent = await repo.recentLogSeqs(db, new Date(now() - LATE_MS).toISOString(), top);
    if (recent.length > 0) noteMissing(Math.min(...recent) - 1, top, new Set(recent), now());
    return SearchIndex.from(state);
  }

  /** Remembers the numbers in (from, to] not among `seen`, as missed at `at`. */
  function noteMissing(from: number, to: number, seen: ReadonlySet<number>, at: number): void {
    for (let n = Math.max(from + 1, to - MAX_MISSING + 1); n <= to; n++) if (!seen.has(n)) missing.set(n, at);
    for (const [n, when] of missing) {
      if (at - when <= LATE_MS && missing.size <= MAX_MISSING) break;
      missing.delete(n);
    }
  }

  function rebuild(): Promise<SearchIndex> {
    building ??= build().then(
      (built) => {
        index = built;
        building = null;
        return built;
      },
      (err: unknown) => {
        building = null;
        throw err;
      },
    );
    return building;
  }

  /** Applies the log's new entries to the index; rebuilds when the log says so or cannot say. */
  async function catchUp(): Promise<void> {
    if (!index) {
      await rebuild();
      return;
    }
    const [entries, top] = await Promise.all([repo.logEntries(db, lastSeq, [...missing.keys()]), repo.lastLogSeq(db)]);
    logEntriesRead += entries.length;
    // A restore replaced the log (it is shorter than what this index has seen), or the index was rebuilt as a whole.
    if (top < lastSeq || entries.some((e) => e.docId === null && e.seq > builtAt)) {
      await rebuild();
      return;
    }
    if (entries.length > 0) {
      // A "rebuilt" entry the index already holds names no document.
      const ids = [...new Set(entries.flatMap((e) => (e.docId === null ? [] : [e.docId])))];
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const docs = await repo.documentsByIds(db, chunk);
        const found = new Set(docs.map((d) => d.id));
        for (const d of docs) index.put(d);
        for (const id of chunk) if (!found.has(id)) index.delete(id);
      }
      index.tidy();
    }
    const seen = new Set(entries.map((e) => e.seq));
    for (const n of seen) missing.delete(n);
    const newest = entries.length > 0 ? Math.max(lastSeq, entries[entries.length - 1]!.seq) : lastSeq;
    noteMissing(lastSeq, newest, seen, now());
    lastSeq = newest;
  }

  function sync(): Promise<void> {
    syncing ??= catchUp().finally(() => {
      syncing = null;
    });
    return syncing;
  }

  /** The index as current as a reader may expect: content changes seen, others within a second. */
  async function current(): Promise<SearchIndex> {
    const version = options.contentVersion();
    if (!index || version !== syncedVersion) {
      await sync();
      syncedVersion = version;
    } else if (now() - lastCheck > CHECK_EVERY_MS) {
      lastCheck = now();
      // In the background: this search answers from the index as it is.
      sync().catch(() => undefined);
    }
    return index ?? (await rebuild());
  }

  return {
    async index(documents: SearchDocument[]) {
      await writer.index(documents);
      await pruneSearchLog(db, now);
      await sync();
    },

    async remove(refPrefixes: string[]) {
      await writer.remove(refPrefixes);
      await sync();
    },

    async rebuild() {
      const n = await writer.rebuild();
      await repo.logRebuilt(db);
      await rebuild();
      return n;
    },

    async search(query: SearchQuery): Promise<{ hits: SearchHit[]; total: number }> {
      const idx = await current();
      const found = idx.search(query.text, query.lang, { kinds: query.kinds, offset: query.offset, limit: query.limit });
      if (!found || found.hits.length === 0) return { hits: [], total: found?.total ?? 0 };
      const rows = await repo.hitRows(
        db,
        found.hits.map((h) => h.id),
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      const hits = found.hits.flatMap((h) => {
        const r = byId.get(h.id);
        return r ? [{ kind: r.kind as SearchHit['kind'], ref: r.ref, lang: r.lang as Lang, title: r.title, body: r.body, path: r.path, score: h.score }] : [];
      });
      return { hits, total: found.total };
    },

    async matchDocuments(text: string, lang: Lang, kind: SearchDocument['kind'] = 'resource'): Promise<MatchResult | null> {
      const idx = await current();
      // Resources: every kind, and the e-library keeps the resource documents it knows, which is
      // cheaper than asking the index to filter. A rarer kind (centres) is filtered here.
      const m = idx.match(text, lang, kind === 'resource' ? undefined : [kind]);
      if (!m) return null;
      return { perLang: m.perLang.map((l) => ({ lang: l.lang, ids: l.ids, titleIds: [], scores: l.scores })), phrase: (ids) => m.phrase(ids) };
    },

    async warm() {
      const started = performance.now();
      const idx = await current();
      return { documents: idx.documents, ms: performance.now() - started };
    },

    refresh: () => sync(),
    get builds() {
      return builds;
    },
    get logEntriesRead() {
      return logEntriesRead;
    },
  };
}
