import { sql } from 'kysely';
import type { DB } from '../../src/db/database.ts';

// Rows a migration test puts into a database migrated only part of the way, in plain SQL (the
// repositories know only the latest schema): a centre with one round on a published framework
// version, ids 1, as a platform in use before the migration under test would have them.

/** Centre 1, framework 1 with its published version 1, and round 1 ("Old round", minimum 3). */
export async function oldRound(db: DB, now = new Date().toISOString()): Promise<void> {
  await sql`insert into centres (id, slug, name, country, city, type, created_at, updated_at) values (1, 'c', 'C', 'MD', 'Chisinau', 'cove', ${now}, ${now})`.execute(
    db,
  );
  await sql`insert into frameworks (id, slug, created_at) values (1, 'f', ${now})`.execute(db);
  await sql`insert into framework_versions (id, framework_id, version, status, document, created_at) values (1, 1, 1, 'published', '{}', ${now})`.execute(db);
  await sql`insert into rounds (id, centre_id, framework_version_id, title, opens_at, closes_at, min_group_size, created_at, updated_at)
    values (1, 1, 1, 'Old round', ${now}, ${now}, 3, ${now}, ${now})`.execute(db);
}
