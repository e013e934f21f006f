import type { DB } from '../../db/database.ts';
import type { User } from '../accounts/repository.ts';

// The only SQL of the back office's own pages: the audit log and the list of people.

export async function audit(db: DB, actor: User, action: string, subject: string, details: Record<string, unknown> = {}): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ at: new Date().toISOString(), actor_id: actor.id, actor_name: actor.name, action, subject, details: JSON.stringify(details) })
    .execute();
}

export const auditEntries = (db: DB, limit: number) => db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute();

export function people(db: DB, q: string, limit: number) {
  let query = db.selectFrom('users').select(['id', 'name', 'email', 'role', 'email_confirmed_at', 'created_at']).orderBy('email').limit(limit);
  // lower() on both sides: LIKE ignores case in SQLite but not in PostgreSQL.
  if (q) {
    const pattern = `%${q.toLowerCase()}%`;
    query = query.where((eb) => eb.or([eb(eb.fn('lower', ['email']), 'like', pattern), eb(eb.fn('lower', ['name']), 'like', pattern)]));
  }
  return query.execute();
}
