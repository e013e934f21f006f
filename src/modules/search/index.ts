import type { Database } from '../../db/database.ts';
import { postgresSearch } from './postgres.ts';
import type { SearchProvider } from './provider.ts';
import { sqliteSearch } from './sqlite.ts';

export type { SearchDocument, SearchHit, SearchProvider, SearchQuery } from './provider.ts';

export function createSearch(database: Database): SearchProvider {
  return database.dialect === 'postgres' ? postgresSearch(database.db) : sqliteSearch(database.db);
}
