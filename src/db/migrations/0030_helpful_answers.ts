import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// "Helpful" and marked answers (issue 15). A member marks someone else's post helpful, once (a
// row per post and person); a topic's author or a facilitator marks the reply that answered the
// topic's question. Immutable once landed.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  const raw = (text: string) => sql.raw(text).execute(db);
  await raw(`create table community_helpful (
    post_id integer not null references community_posts(id) on delete cascade,
    user_id integer not null references users(id) on delete cascade,
    created_at text not null,
    primary key (post_id, user_id))`);
  await raw(`create index community_helpful_by_user on community_helpful (user_id)`);
  // No foreign key: posts already refer to their topic, and a backup loads tables in the order
  // their keys allow, which a key each way would make impossible. Code that deletes posts
  // clears the mark (communities/repository/erase.ts).
  await raw(`alter table community_topics add column answer_post_id integer`);
}
