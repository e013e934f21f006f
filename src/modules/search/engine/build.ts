import { setImmediate as yieldToRequests } from 'node:timers/promises';
import type { DB } from '../../../db/database.ts';
import { buildTask } from '../../../platform/offthread/offthread.ts';
import * as repo from '../repository/documents.ts';
import { SearchIndex, type SearchIndexState } from './search-index.ts';

// Building the in-memory search index as a whole from search_documents, in a worker thread
// (platform/offthread) for a large library or in the server's own thread for a small one.

const BATCH = 2000;

export interface BuiltIndex {
  /** the search log's last number before the documents were read: entries after it may be missing */
  top: number;
  state: SearchIndexState;
}

export async function buildSearchIndex(db: DB): Promise<BuiltIndex> {
  const index = new SearchIndex();
  const top = await repo.lastLogSeq(db);
  for (let after = 0; ;) {
    const docs = await repo.documentsAfter(db, after, BATCH);
    if (docs.length === 0) break;
    for (const d of docs) index.put(d);
    after = docs.at(-1)!.id;
    // Built in the server's thread, a long build leaves room for requests between batches.
    await yieldToRequests();
  }
  index.tidy(true);
  return { top, state: index.state() };
}

export const searchIndexTask = buildTask(new URL(import.meta.url), 'buildSearchIndex', buildSearchIndex);
