import { sql } from 'kysely';
import type { DB } from '../../../db/database.ts';
import { LISTED } from './communities.ts';

// The SQL of search within a community (migration 0029): the community's own search documents,
// and the topics the index lacks (written before topics named their community, or before
// members-only communities were indexed), which the server indexes when it starts.

/** A community's search documents: their ids and languages. */
export function documentsOf(db: DB, communityId: number) {
  return db.selectFrom('search_documents').select(['id', 'lang']).where('community_id', '=', communityId).execute();
}

/** Topics everyone may find that have no search document naming their community. */
export async function unindexedTopics(db: DB): Promise<number[]> {
  const rows = await db
    .selectFrom('community_topics as t')
    .select('t.id')
    .where('t.status', 'in', LISTED)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('search_documents as d')
            .select('d.id')
            .where('d.ref', '=', sql<string>`${'topic:'} || t.id || ${':'}`)
            .whereRef('d.community_id', '=', 't.community_id'),
        ),
      ),
    )
    .execute();
  return rows.map((r) => r.id);
}
