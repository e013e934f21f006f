import type { Database, DB, Dialect } from '../../db/database.ts';
import { memorySearch, type MemorySearch } from './engine/memory.ts';
import { runBuild } from '../../platform/offthread/offthread.ts';
import { searchIndexTask } from './engine/build.ts';
import { documentCount, logRebuilt } from './repository/documents.ts';
import { postgresSearch } from './repository/postgres.ts';
import type { SearchProvider } from './provider.ts';
import { sqliteSearch } from './repository/sqlite.ts';

export type { SearchDocument, SearchHit, SearchProvider, SearchQuery } from './provider.ts';

/** The database engine's provider: what writes search_documents (the content loader, imports), and answers when asked to. */
export function createSearch(database: Database): SearchProvider {
  return database.dialect === 'postgres' ? postgresSearch(database.db) : sqliteSearch(database.db);
}

/**
 * The provider an app answers searches with: the in-memory index (default) or the database's own
 * (decision 0016). The index is built in a worker thread when there are at least `workerFrom`
 * documents (platform/offthread; null: never).
 */
export function createSearchEngine(
  database: Database,
  o: { engine: 'memory' | 'database'; contentVersion: () => string; workerFrom: number | null; onFallback?: (err: Error) => void },
): SearchProvider & Partial<MemorySearch> {
  const writer = createSearch(database);
  if (o.engine === 'database') return writer;
  const build = () =>
    runBuild(database, searchIndexTask, { workerFrom: o.workerFrom, count: documentCount, ...(o.onFallback ? { onFallback: o.onFallback } : {}) });
  return memorySearch(database.db, writer, { contentVersion: o.contentVersion, build });
}

/**
 * Rebuilds the engine's own search index from search_documents (after a restore; the database may
 * be a transaction), and tells every instance's in-memory index to start again.
 */
export async function rebuildSearchIndex(db: DB, dialect: Dialect): Promise<number> {
  const n = await (dialect === 'postgres' ? postgresSearch(db) : sqliteSearch(db)).rebuild();
  await logRebuilt(db);
  return n;
}
