import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// Drafts for every kind of content: packages, stations, case studies, spotlight items and pages
// get the `published` flag resources already have. What exists stays published; an item an
// editor creates starts as a draft. Immutable once landed.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  for (const table of ['packages', 'stations', 'case_studies', 'spotlight_items', 'pages']) {
    await sql.raw(`alter table ${table} add column published integer not null default 1`).execute(db);
  }
}
