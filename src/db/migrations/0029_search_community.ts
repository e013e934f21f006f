import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// Search within a community (issue 15): a topic's search document names its community, so a
// search in one community keeps its own documents with one look-up on this index. Members-only
// communities' topics are indexed too, as a kind the site search leaves out. Immutable once landed.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await sql`alter table search_documents add column community_id integer`.execute(db);
  await sql`create index search_documents_by_community on search_documents (community_id, id) where community_id is not null`.execute(db);
}
