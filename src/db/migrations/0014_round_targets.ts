import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// A round's optional target number of responses per group (how many people the centre hopes
// will answer), for the participation view and its rate. Immutable once landed.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await sql`alter table round_groups add column target integer`.execute(db);
}
