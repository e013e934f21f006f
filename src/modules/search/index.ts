import type { Database } from '../../db/database.ts';
import { postgresSearch } from './repository/postgres.ts';
import type { SearchProvider } from './provider.ts';
import { sqliteSearch } from './repository/sqlite.ts';

export type { SearchDocument, SearchHit, SearchProvider, SearchQuery } from './provider.ts';

export function createSearch(database: Database): SearchProvider {
  return database.dialect === 'postgres' ? postgresSearch(database.db) : sqliteSearch(database.db);
}
