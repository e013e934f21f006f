import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// A resource without a link says why not (`no_link`, a reason key such as "unconfirmed") and,
// when the publisher's own site could be confirmed, where to ask for it (`ask`, an https address).
// Immutable once landed.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await sql`alter table resources add column no_link text`.execute(db);
  await sql`alter table resources add column ask text`.execute(db);
}
