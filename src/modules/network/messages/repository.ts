import { sql } from 'kysely';
import type { DB } from '../../../db/database.ts';

// The SQL of conversations between centres: who takes part, the messages, read state, blocks
// and reports. Nothing here checks access; the service does, first.

const now = () => new Date().toISOString();

export interface ConversationRow {
  id: number;
  from_centre: number;
  to_centre: number;
  subject: string;
  request_id: number | null;
  created_at: string;
  last_message_at: string;
}

const conversationColumns = ['id', 'from_centre', 'to_centre', 'subject', 'request_id', 'created_at', 'last_message_at'] as const;

export const findConversation = (db: DB, id: number) =>
  db.selectFrom('conversations').select(conversationColumns).where('id', '=', id).executeTakeFirst() as Promise<ConversationRow | undefined>;

/** A centre's conversations, newest first, with the other centre and how many messages this person has not read. */
export async function inbox(db: DB, centreId: number, userId: number) {
  const r = await sql<{
    id: number;
    subject: string;
    request_id: number | null;
    last_message_at: string;
    other_slug: string;
    other_name: string;
    unread: number | string;
  }>`
    select c.id, c.subject, c.request_id, c.last_message_at, o.slug as other_slug, o.name as other_name,
      (select count(*) from messages m where m.conversation_id = c.id and m.centre_id <> ${centreId}
        and m.id > coalesce((select r.last_read from conversation_reads r where r.conversation_id = c.id and r.user_id = ${userId}), 0)) as unread
    from conversations c
    join centres o on o.id = case when c.from_centre = ${centreId} then c.to_centre else c.from_centre end
    where c.from_centre = ${centreId} or c.to_centre = ${centreId}
    order by c.last_message_at desc, c.id desc
    limit 200`.execute(db);
  return r.rows.map((x) => ({ ...x, unread: Number(x.unread) }));
}

/** The messages of a conversation, oldest first, with their authors' names (null: a former member). */
export const messagesOf = (db: DB, conversationId: number) =>
  db
    .selectFrom('messages')
    .leftJoin('users', 'users.id', 'messages.user_id')
    .select(['messages.id', 'messages.centre_id', 'messages.user_id', 'messages.body', 'messages.created_at', 'users.name as author'])
    .where('messages.conversation_id', '=', conversationId)
    .orderBy('messages.id')
    .execute();

/**
 * Starts a conversation with its first message; returns the conversation's id and the message's.
 * `guard` runs first in the same transaction (a partner request's cap): false starts nothing.
 */
export async function startConversation(
  db: DB,
  c: { from: number; to: number; subject: string; requestId: number | null; userId: number; body: string },
  guard?: (trx: DB) => Promise<boolean>,
): Promise<{ id: number; messageId: number } | null> {
  return db.transaction().execute(async (trx) => {
    if (guard && !(await guard(trx))) return null;
    const t = now();
    const { id } = await trx
      .insertInto('conversations')
      .values({ from_centre: c.from, to_centre: c.to, subject: c.subject, request_id: c.requestId, started_by: c.userId, created_at: t, last_message_at: t })
      .returning('id')
      .executeTakeFirstOrThrow();
    const messageId = await addMessageIn(trx, id, c.from, c.userId, c.body, t);
    return { id, messageId };
  });
}

async function addMessageIn(trx: DB, conversationId: number, centreId: number, userId: number, body: string, t: string): Promise<number> {
  const { id } = await trx
    .insertInto('messages')
    .values({ conversation_id: conversationId, centre_id: centreId, user_id: userId, body, created_at: t })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.updateTable('conversations').set({ last_message_at: t }).where('id', '=', conversationId).execute();
  await markRead(trx, conversationId, userId, id);
  return id;
}

/** Adds a message; returns its id and the id of the message before it (0 for none). */
export async function addMessage(db: DB, conversationId: number, centreId: number, userId: number, body: string): Promise<{ id: number; previous: number }> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('messages')
      .select(sql<number | null>`max(id)`.as('id'))
      .where('conversation_id', '=', conversationId)
      .executeTakeFirst();
    const id = await addMessageIn(trx, conversationId, centreId, userId, body, now());
    return { id, previous: Number(before?.id ?? 0) };
  });
}

/** Records that the person has seen the conversation up to a message (never moves back). */
export async function markRead(db: DB, conversationId: number, userId: number, messageId: number): Promise<void> {
  await db
    .insertInto('conversation_reads')
    .values({ conversation_id: conversationId, user_id: userId, last_read: messageId })
    .onConflict((oc) => oc.columns(['conversation_id', 'user_id']).doNothing())
    .execute();
  await db
    .updateTable('conversation_reads')
    .set({ last_read: messageId })
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', userId)
    .where('last_read', '<', messageId)
    .execute();
}

/** The newest message a person has read in a conversation (0: none). */
export async function lastRead(db: DB, conversationId: number, userId: number): Promise<number> {
  const r = await db
    .selectFrom('conversation_reads')
    .select('last_read')
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return r?.last_read ?? 0;
}

/** How many messages of a centre, before a given one, a person has not read in a conversation. */
export async function unreadBefore(db: DB, conversationId: number, userId: number, fromCentre: number, before: number): Promise<number> {
  const r = await sql<{ n: number | string }>`
    select count(*) as n from messages m
    where m.conversation_id = ${conversationId} and m.centre_id = ${fromCentre} and m.id < ${before}
      and m.id > coalesce((select r.last_read from conversation_reads r where r.conversation_id = ${conversationId} and r.user_id = ${userId}), 0)`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** The members of a centre who get notices: their id, address, name and language. */
export const noticeRecipients = (db: DB, centreId: number) =>
  db
    .selectFrom('centre_members')
    .innerJoin('users', 'users.id', 'centre_members.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.preferred_lang'])
    .where('centre_members.centre_id', '=', centreId)
    .execute();

export async function isBlocked(db: DB, centreId: number, blocked: number): Promise<boolean> {
  return Boolean(
    await db.selectFrom('centre_blocks').select('centre_id').where('centre_id', '=', centreId).where('blocked_centre', '=', blocked).executeTakeFirst(),
  );
}

export async function setBlocked(db: DB, centreId: number, blocked: number, on: boolean): Promise<void> {
  if (on)
    await db
      .insertInto('centre_blocks')
      .values({ centre_id: centreId, blocked_centre: blocked, created_at: now() })
      .onConflict((oc) => oc.columns(['centre_id', 'blocked_centre']).doNothing())
      .execute();
  else await db.deleteFrom('centre_blocks').where('centre_id', '=', centreId).where('blocked_centre', '=', blocked).execute();
}

export async function addReport(db: DB, messageId: number, userId: number, reason: string): Promise<void> {
  await db.insertInto('message_reports').values({ message_id: messageId, reported_by: userId, reason, created_at: now() }).execute();
}

/** Reports not yet dealt with, oldest first, with the message, its conversation and both centres. */
export const openReports = (db: DB) =>
  db
    .selectFrom('message_reports as r')
    .innerJoin('messages as m', 'm.id', 'r.message_id')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .innerJoin('centres as author', 'author.id', 'm.centre_id')
    .innerJoin('centres as reporter', (j) =>
      j.on((eb) =>
        eb('reporter.id', '=', eb.case().when('c.from_centre', '=', eb.ref('m.centre_id')).then(eb.ref('c.to_centre')).else(eb.ref('c.from_centre')).end()),
      ),
    )
    .select([
      'r.id',
      'r.reason',
      'r.created_at',
      'm.body',
      'm.created_at as written_at',
      'c.subject',
      'author.name as author_centre',
      'author.slug as author_slug',
      'reporter.name as reporter_centre',
    ])
    .where('r.resolved_at', 'is', null)
    .orderBy('r.id')
    .limit(200)
    .execute();

export async function resolveReport(db: DB, id: number, userId: number): Promise<boolean> {
  const r = await db
    .updateTable('message_reports')
    .set({ resolved_at: now(), resolved_by: userId })
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** What a person wrote, for their data export. */
export const messagesBy = (db: DB, userId: number) =>
  db
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .innerJoin('centres as f', 'f.id', 'c.from_centre')
    .innerJoin('centres as t', 't.id', 'c.to_centre')
    .select(['m.body', 'm.created_at', 'c.subject', 'f.name as from_centre', 't.name as to_centre'])
    .where('m.user_id', '=', userId)
    .orderBy('m.id')
    .execute();

/** The centre's conversation about a request, if it replied already. */
export const replyTo = (db: DB, requestId: number, fromCentre: number) =>
  db.selectFrom('conversations').select('id').where('request_id', '=', requestId).where('from_centre', '=', fromCentre).executeTakeFirst();
