import { randomBytes } from 'node:crypto';
import type { DB } from '../../db/database.ts';

// Secrets the platform derives things from (session cookies, survey links), created once by
// whichever instance gets there first and then shared by all of them through the database.

const now = () => new Date().toISOString();

/** The secret with this name: 48 random bytes, made on first use. */
export async function sharedSecret(db: DB, name: 'session' | 'assessment'): Promise<string> {
  await db
    .insertInto('secrets')
    .values({ name, value: randomBytes(48).toString('base64url'), created_at: now() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return (await db.selectFrom('secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow()).value;
}
