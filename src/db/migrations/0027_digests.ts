import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// Digests (issue 15). A person who asks for one gets, daily or weekly, a mail of what is new in
// their communities, but only when they have not visited for that long: `users.last_seen_at` is
// when they were last on the platform signed in (kept to a quarter of an hour), `mail_digests`
// holds their choice (no row: no digest, the default) and when the last digest was due
// (`last_sent_at`: set when it is chosen, then at each run, mail or not). A mail's own headers
// (List-Unsubscribe) are kept with it in the outbox. Immutable once landed.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  const raw = (text: string) => sql.raw(text).execute(db);
  await raw(`alter table users add column last_seen_at text`);
  await raw(`create table mail_digests (
    user_id integer primary key references users(id) on delete cascade,
    frequency text not null check (frequency in ('daily', 'weekly')),
    last_sent_at text not null,
    updated_at text not null)`);
  await raw(`create index mail_digests_due on mail_digests (frequency, last_sent_at)`);
  // What is new since a moment, across communities: the digest's one read of posts.
  await raw(`create index community_posts_by_time on community_posts (created_at)`);
  await raw(`alter table outbox add column headers text`);
}
