import { sql } from 'kysely';
import type { DB } from '../../../db/database.ts';
import type { IndexedDocument } from '../engine/search-index.ts';

// What the in-memory index reads (engine/memory.ts): the stored documents and the change log
// the triggers of migration 0020 write. The same on both engines.

/** A stored document as the in-memory index takes it. */
export type StoredDocument = IndexedDocument;

/** The newest log entry's number (0 when the log is empty). */
export async function lastLogSeq(db: DB): Promise<number> {
  const row = await db
    .selectFrom('search_log')
    .select(sql<number | string | null>`max(seq)`.as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** How many documents there are (whether a build is worth a thread of its own). */
export async function documentCount(db: DB): Promise<number> {
  const row = await db
    .selectFrom('search_documents')
    .select(sql<number | string>`count(*)`.as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Documents in id order after `after`, a batch at a time. */
export function documentsAfter(db: DB, after: number, limit: number): Promise<StoredDocument[]> {
  return db.selectFrom('search_documents').select(['id', 'kind', 'ref', 'lang', 'title', 'body']).where('id', '>', after).orderBy('id').limit(limit).execute();
}

export function documentsByIds(db: DB, ids: number[]): Promise<StoredDocument[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('search_documents').select(['id', 'kind', 'ref', 'lang', 'title', 'body']).where('id', 'in', ids).execute();
}

/** The rows shown for a page of hits. */
export function hitRows(db: DB, ids: number[]) {
  return db.selectFrom('search_documents').select(['id', 'kind', 'ref', 'lang', 'title', 'body', 'path']).where('id', 'in', ids).execute();
}

/**
 * Log entries after `seq`, and those numbered in `missing` (numbers below `seq` a transaction may
 * still commit), in order. Two queries, each on the key, rather than one whose "or" would scan.
 */
export async function logEntries(db: DB, seq: number, missing: readonly number[]): Promise<{ seq: number; docId: number | null }[]> {
  const [after, late] = await Promise.all([
    db.selectFrom('search_log').select(['seq', 'doc_id']).where('seq', '>', seq).execute(),
    missing.length === 0
      ? []
      : db
          .selectFrom('search_log')
          .select(['seq', 'doc_id'])
          .where('seq', 'in', [...missing])
          .execute(),
  ]);
  return [...late, ...after].map((r) => ({ seq: Number(r.seq), docId: r.doc_id })).sort((a, b) => a.seq - b.seq);
}

/** The numbers of the entries written since `since` (an ISO time), up to `upTo`. */
export async function recentLogSeqs(db: DB, since: string, upTo: number): Promise<number[]> {
  const rows = await db.selectFrom('search_log').select('seq').where('at', '>', since).where('seq', '<=', upTo).execute();
  return rows.map((r) => Number(r.seq));
}

/** Forgets log entries written before `before` (an ISO time). */
export async function pruneLog(db: DB, before: string): Promise<void> {
  await db.deleteFrom('search_log').where('at', '<', before).execute();
}

/** Writes the "start again" entry: the index was rebuilt as a whole. */
export async function logRebuilt(db: DB): Promise<void> {
  await db.insertInto('search_log').values({ doc_id: null }).execute();
}
