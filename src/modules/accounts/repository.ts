import { sql } from 'kysely';
import type { DB } from '../../db/database.ts';
import type { Tables } from '../../db/schema.ts';

// The only SQL of accounts: people, sessions, single-use tokens, the outbox, rate-limit
// counters and shared secrets.

export type User = Tables['users'] & { id: number };
const now = () => new Date().toISOString();

export const findUserByEmail = (db: DB, email: string) =>
  db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst() as Promise<User | undefined>;

export const findUserById = (db: DB, id: number) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst() as Promise<User | undefined>;

export async function createUser(
  db: DB,
  u: { email: string; name: string; passwordHash: string; lang: string; role?: string; confirmed?: boolean },
): Promise<number> {
  const t = now();
  const row = await db
    .insertInto('users')
    .values({
      email: u.email,
      name: u.name,
      password_hash: u.passwordHash,
      role: u.role ?? 'member',
      preferred_lang: u.lang,
      email_confirmed_at: u.confirmed ? t : null,
      created_at: t,
      updated_at: t,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Creates an account with its first single-use token, in one transaction, unless the address
 * already has an account: then nothing is written and null comes back. The same statements run
 * either way (registration must take as long for a taken address as for a new one), and two
 * registrations of one address at once make one account, without an error.
 */
export async function createUserWithToken(
  db: DB,
  u: { email: string; name: string; passwordHash: string; lang: string },
  token: { hash: string; purpose: string; expiresAt: Date },
): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const t = now();
    const row = await trx
      .insertInto('users')
      .values({
        email: u.email,
        name: u.name,
        password_hash: u.passwordHash,
        role: 'member',
        preferred_lang: u.lang,
        email_confirmed_at: null,
        created_at: t,
        updated_at: t,
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return null;
    await saveToken(trx, { hash: token.hash, userId: row.id, purpose: token.purpose, expiresAt: token.expiresAt });
    return row.id;
  });
}

export async function updateUser(
  db: DB,
  id: number,
  changes: Partial<Pick<User, 'email' | 'email_confirmed_at' | 'password_hash' | 'name' | 'role' | 'preferred_lang'>>,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ ...changes, updated_at: now() })
    .where('id', '=', id)
    .execute();
}

/**
 * Deletes an account. What the person did in the back office stays (revisions, the audit log),
 * anonymised: their name goes with them, and pages show "a former member" instead.
 */
export async function deleteUser(db: DB, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('revisions').set({ actor_name: '' }).where('actor_id', '=', id).execute();
    await trx.updateTable('audit_log').set({ actor_name: '' }).where('actor_id', '=', id).execute();
    // Development plans keep the person's notes and actions, without their name.
    await trx.updateTable('plan_action_notes').set({ author_name: '' }).where('author_id', '=', id).execute();
    await trx.updateTable('plan_actions').set({ owner: '' }).where('owner_user_id', '=', id).execute();
    await trx.deleteFrom('users').where('id', '=', id).execute();
  });
}

export const countAdmins = async (db: DB) =>
  Number(
    (
      await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'admin')
        .executeTakeFirstOrThrow()
    ).n,
  );

export const countUsers = async (db: DB) =>
  Number(
    (
      await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

// Tokens

export async function saveToken(db: DB, t: { hash: string; userId: number; purpose: string; newEmail?: string; expiresAt: Date }): Promise<void> {
  await db
    .insertInto('account_tokens')
    .values({ hash: t.hash, user_id: t.userId, purpose: t.purpose, new_email: t.newEmail ?? null, expires_at: t.expiresAt.toISOString(), created_at: now() })
    .execute();
}

/** Marks a token used and returns it, in one statement, so a link works exactly once even under races. */
export async function useToken(db: DB, hash: string, purpose: string) {
  return db
    .updateTable('account_tokens')
    .set({ used_at: now() })
    .where('hash', '=', hash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now())
    .returning(['user_id', 'new_email'])
    .executeTakeFirst();
}

export const findToken = (db: DB, hash: string) => db.selectFrom('account_tokens').selectAll().where('hash', '=', hash).executeTakeFirst();

export async function dropTokens(db: DB, userId: number, purpose: string): Promise<void> {
  await db.deleteFrom('account_tokens').where('user_id', '=', userId).where('purpose', '=', purpose).execute();
}

// Sessions (the store behind @fastify/session)

export const getSession = (db: DB, id: string) =>
  db.selectFrom('sessions').select(['data', 'expires_at']).where('id', '=', id).where('expires_at', '>', now()).executeTakeFirst();

/** How fresh a person's last visit is kept: a visit within this long of the one recorded is not written again. */
export const SEEN_EVERY_MS = 15 * 60_000;

/** Records that a signed-in person is on the platform (for digests: they go to people who are away); at most one write a quarter of an hour. */
export async function recordVisit(db: DB, user: { id: number; last_seen_at: string | null }): Promise<void> {
  if (user.last_seen_at !== null && Date.now() - Date.parse(user.last_seen_at) < SEEN_EVERY_MS) return;
  await db.updateTable('users').set({ last_seen_at: now() }).where('id', '=', user.id).execute();
}

/** The person a live session belongs to, for the header of cached pages: one query on the sessions' primary key. */
export const sessionPerson = (db: DB, id: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.name', 'users.role', 'users.last_seen_at'])
    // with how many notifications the person has not read, for the header
    .select((eb) =>
      eb
        .selectFrom('notifications as n')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('n.user_id', '=', 'users.id')
        .where('n.read_at', 'is', null)
        .as('unread'),
    )
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', now())
    .executeTakeFirst();

export async function setSession(db: DB, id: string, data: string, userId: number | null, expiresAt: Date): Promise<void> {
  const t = now();
  await db
    .insertInto('sessions')
    .values({ id, data, user_id: userId, expires_at: expiresAt.toISOString(), created_at: t, updated_at: t })
    .onConflict((oc) => oc.column('id').doUpdateSet({ data, user_id: userId, expires_at: expiresAt.toISOString(), updated_at: t }))
    .execute();
}

export async function destroySession(db: DB, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function destroyUserSessions(db: DB, userId: number, except?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (except) q = q.where('id', '!=', except);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

export const userSessions = (db: DB, userId: number) =>
  db.selectFrom('sessions').select(['created_at', 'updated_at', 'expires_at']).where('user_id', '=', userId).orderBy('created_at').execute();

export async function purgeExpired(db: DB): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now()).execute();
  await db.deleteFrom('account_tokens').where('expires_at', '<=', now()).execute();
  await db.deleteFrom('rate_limits').where('reset_at', '<=', Date.now()).execute();
}

// Outbox

export async function queueMail(db: DB, m: { to: string; subject: string; body: string; headers?: Record<string, string> }): Promise<void> {
  await db
    .insertInto('outbox')
    .values({ to_address: m.to, subject: m.subject, body: m.body, created_at: now(), headers: m.headers ? JSON.stringify(m.headers) : null })
    .execute();
}

export const outbox = (db: DB, to?: string) => {
  let q = db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(200);
  if (to) q = q.where('to_address', '=', to);
  return q.execute();
};
