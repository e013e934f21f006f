import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// Certificates of self-assessment get a validity period and can be left off the centre's public
// profile: `expires_at` (certificates issued before this migration are valid two years from their
// issue, the default period) and `on_profile` (1: listed on the centre's public page). Immutable
// once landed.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await sql`alter table certificates add column expires_at text`.execute(db);
  await sql`alter table certificates add column on_profile integer not null default 1`.execute(db);
  const rows = await sql<{ id: number; issued_at: string }>`select id, issued_at from certificates`.execute(db);
  for (const r of rows.rows) {
    const until = new Date(r.issued_at);
    until.setUTCFullYear(until.getUTCFullYear() + 2);
    await sql`update certificates set expires_at = ${until.toISOString()} where id = ${r.id}`.execute(db);
  }
}
