import type { Database, DB, Dialect } from '../../db/database.ts';
import { postgresSearch } from './repository/postgres.ts';
import type { SearchProvider } from './provider.ts';
import { sqliteSearch } from './repository/sqlite.ts';

export type { SearchDocument, SearchHit, SearchProvider, SearchQuery } from './provider.ts';

export function createSearch(database: Database): SearchProvider {
  return database.dialect === 'postgres' ? postgresSearch(database.db) : sqliteSearch(database.db);
}

/** Rebuilds the engine's own search index from search_documents (after a restore; the database may be a transaction). */
export function rebuildSearchIndex(db: DB, dialect: Dialect): Promise<number> {
  return (dialect === 'postgres' ? postgresSearch(db) : sqliteSearch(db)).rebuild();
}
