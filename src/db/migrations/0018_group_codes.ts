import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// A group's short code (the short address /{lang}/s/ABCD-EFGH on its poster): only the hash of
// the code is kept, to find the group by it. The code is derived from the link's salt with the
// server's secret (rounds/tokens.ts), which migrations do not have: groups made before this
// migration get theirs when the server starts (rounds/service.ts backfillCodes). Immutable once
// landed.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await sql`alter table round_groups add column code_hash text`.execute(db);
  await sql`create unique index round_groups_code_hash on round_groups (code_hash)`.execute(db);
}
