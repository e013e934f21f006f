import { sql } from 'kysely';
import type { DB } from '../../db/database.ts';

// The SQL of notifications (migration 0026): what a person is told, read or not, mailed or not.

const now = () => new Date().toISOString();

export type NotificationKind = 'mention' | 'reply' | 'topic' | 'post';

export interface NewNotification {
  userId: number;
  kind: NotificationKind;
  communityId: number;
  topicId: number;
  postId: number;
  actorId: number | null;
  mail: boolean;
}

/** Adds notifications; one a post and person at most (a second is dropped). The people some were added for. */
export async function add(db: DB, list: NewNotification[]): Promise<number[]> {
  if (list.length === 0) return [];
  const at = now();
  const added: number[] = [];
  // In slices, so a community of thousands stays within the engines' limits on parameters.
  for (let i = 0; i < list.length; i += 500) {
    const rows = await db
      .insertInto('notifications')
      .values(
        list.slice(i, i + 500).map((n) => ({
          user_id: n.userId,
          kind: n.kind,
          community_id: n.communityId,
          topic_id: n.topicId,
          post_id: n.postId,
          actor_id: n.actorId,
          mail: n.mail ? 1 : 0,
          created_at: at,
        })),
      )
      .onConflict((oc) => oc.columns(['user_id', 'post_id']).doNothing())
      .returning(['user_id', 'mail'])
      .execute();
    for (const r of rows) if (r.mail) added.push(r.user_id);
  }
  return added;
}

/** How many notifications a person has not read. */
export async function unreadCount(db: DB, userId: number): Promise<number> {
  const r = await db
    .selectFrom('notifications')
    .select(sql<number>`count(*)`.as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface NotificationRow {
  id: number;
  kind: NotificationKind;
  createdAt: string;
  readAt: string | null;
  actor: string | null;
  topicId: number | null;
  topicTitle: string | null;
  topicLang: string | null;
  communitySlug: string | null;
  postId: number | null;
}

const listed = (db: DB) =>
  db
    .selectFrom('notifications as n')
    .leftJoin('users as a', 'a.id', 'n.actor_id')
    .leftJoin('community_topics as t', 't.id', 'n.topic_id')
    .leftJoin('communities as c', 'c.id', 'n.community_id')
    .select(['n.id', 'n.kind', 'n.created_at', 'n.read_at', 'a.name as actor', 'n.topic_id', 't.title', 't.lang', 'c.slug', 'n.post_id']);

const toRow = (r: {
  id: number;
  kind: string;
  created_at: string;
  read_at: string | null;
  actor: string | null;
  topic_id: number | null;
  title: string | null;
  lang: string | null;
  slug: string | null;
  post_id: number | null;
}): NotificationRow => ({
  id: r.id,
  kind: r.kind as NotificationKind,
  createdAt: r.created_at,
  readAt: r.read_at,
  actor: r.actor,
  topicId: r.topic_id,
  topicTitle: r.title,
  topicLang: r.lang,
  communitySlug: r.slug,
  postId: r.post_id,
});

/** A person's latest notifications, the newest first. */
export async function latest(db: DB, userId: number, limit: number): Promise<NotificationRow[]> {
  const rows = await listed(db).where('n.user_id', '=', userId).orderBy('n.id', 'desc').limit(limit).execute();
  return rows.map(toRow);
}

/** One of a person's notifications, marked read; undefined when it is not theirs. */
export async function open(db: DB, userId: number, id: number): Promise<NotificationRow | undefined> {
  await db.updateTable('notifications').set({ read_at: now() }).where('id', '=', id).where('user_id', '=', userId).where('read_at', 'is', null).execute();
  const r = await listed(db).where('n.id', '=', id).where('n.user_id', '=', userId).executeTakeFirst();
  return r ? toRow(r) : undefined;
}

export async function markAllRead(db: DB, userId: number): Promise<void> {
  await db.updateTable('notifications').set({ read_at: now() }).where('user_id', '=', userId).where('read_at', 'is', null).execute();
}

/** What is due to go by mail to a person: not read, not mailed yet, the oldest first. */
export async function toMail(db: DB, userId: number): Promise<NotificationRow[]> {
  const rows = await listed(db)
    .where('n.user_id', '=', userId)
    .where('n.mail', '=', 1)
    .where('n.mailed_at', 'is', null)
    .where('n.read_at', 'is', null)
    .orderBy('n.id')
    .execute();
  return rows.map(toRow);
}

/** Marks notifications as mailed; how many no other run marked first. */
export async function markMailed(trx: DB, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await trx.updateTable('notifications').set({ mailed_at: now() }).where('id', 'in', ids).where('mailed_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** How many posts everyone reads come before a post in its topic (its place, for the page it is on). */
export async function postsBefore(db: DB, topicId: number, postId: number): Promise<number> {
  const r = await db
    .selectFrom('community_posts')
    .select(sql<number>`count(*)`.as('n'))
    .where('topic_id', '=', topicId)
    .where('id', '<', postId)
    .where('status', '!=', 'waiting')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
