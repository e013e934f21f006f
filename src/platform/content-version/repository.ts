import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.ts';
import type { Tables } from '../../db/schema.ts';

type Tx = Kysely<Tables>;

// The content version: one row that changes whenever published content does. Every instance's
// page caches key on it (content-state.ts).

export async function readContentVersion(db: DB): Promise<string> {
  return (await db.selectFrom('content_meta').select('value').where('key', '=', 'content_version').executeTakeFirst())?.value ?? 'empty';
}

/** Bumps the content version; every instance's page cache keys on it. */
export async function bumpContentVersion(db: Tx): Promise<string> {
  const value = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  await db
    .insertInto('content_meta')
    .values({ key: 'content_version', value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
  return value;
}
