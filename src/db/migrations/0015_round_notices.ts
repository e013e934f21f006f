import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// Notices about a round, each sent once (rounds/notices.ts): to the centre's administrators when a
// group reaches its minimum, two days before closing, and when the round has closed; and the one
// automatic reminder to invited people three days before closing. A row claims a notice before
// its mail is queued, in the same transaction, and the primary key keeps a second instance (or a
// second run) from claiming it again. `grp` is '' for notices about the whole round.
// Immutable once landed.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await sql`create table round_notices (round_id integer not null references rounds(id) on delete cascade,
    kind text not null, grp text not null default '', sent_at text not null,
    primary key (round_id, kind, grp))`.execute(db);
}
