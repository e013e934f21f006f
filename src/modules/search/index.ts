import type { Database, DB, Dialect } from '../../db/database.ts';
import { memorySearch, type MemorySearch } from './engine/memory.ts';
import { logRebuilt } from './repository/documents.ts';
import { postgresSearch } from './repository/postgres.ts';
import type { SearchProvider } from './provider.ts';
import { sqliteSearch } from './repository/sqlite.ts';

export type { SearchDocument, SearchHit, SearchProvider, SearchQuery } from './provider.ts';

/** The database engine's provider: what writes search_documents (the content loader, imports), and answers when asked to. */
export function createSearch(database: Database): SearchProvider {
  return database.dialect === 'postgres' ? postgresSearch(database.db) : sqliteSearch(database.db);
}

/** The provider an app answers searches with: the in-memory index (default) or the database's own (decision 0016). */
export function createSearchEngine(
  database: Database,
  o: { engine: 'memory' | 'database'; contentVersion: () => string },
): SearchProvider & Partial<MemorySearch> {
  const writer = createSearch(database);
  return o.engine === 'memory' ? memorySearch(database.db, writer, { contentVersion: o.contentVersion }) : writer;
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
