import type { DB } from '../../../db/database.ts';
import type { Frequency } from '../lists.ts';

// The SQL of digests (migration 0027): who asked for one, who is due (away for a whole period,
// with no digest in it), their communities and levels (what they muted), what was written since a moment,
// and the claim that makes each digest go once.

const now = () => new Date().toISOString();

export async function digestOf(db: DB, userId: number): Promise<{ frequency: Frequency; lastSentAt: string } | null> {
  const r = await db.selectFrom('mail_digests').select(['frequency', 'last_sent_at']).where('user_id', '=', userId).executeTakeFirst();
  return r ? { frequency: r.frequency as Frequency, lastSentAt: r.last_sent_at } : null;
}

/**
 * A person's choice; null: no digest. A new choice counts from now; changing daily for weekly
 * keeps the last one's time. False when the account is no more (a digest's link outlives it).
 */
export async function setDigest(db: DB, userId: number, frequency: Frequency | null): Promise<boolean> {
  if (frequency === null) {
    await db.deleteFrom('mail_digests').where('user_id', '=', userId).execute();
    return true;
  }
  const at = now();
  const r = await db
    .insertInto('mail_digests')
    .columns(['user_id', 'frequency', 'last_sent_at', 'updated_at'])
    .expression((eb) =>
      eb
        .selectFrom('users')
        .select((s) => [s.ref('id').as('user_id'), s.val(frequency).as('frequency'), s.val(at).as('last_sent_at'), s.val(at).as('updated_at')])
        .where('id', '=', userId),
    )
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ frequency, updated_at: at }))
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The moment before which a daily and a weekly digest's last run, and the person's last visit, must fall for one to be due. */
export interface DueBefore {
  daily: string;
  weekly: string;
}

export interface DueDigest {
  userId: number;
  email: string;
  name: string;
  lang: string;
  frequency: Frequency;
  lastSentAt: string;
  lastSeenAt: string | null;
}

/** People due a digest: with a confirmed address, no digest and no visit in their period. */
export async function due(db: DB, before: DueBefore): Promise<DueDigest[]> {
  const rows = await db
    .selectFrom('mail_digests as d')
    .innerJoin('users as u', 'u.id', 'd.user_id')
    .select(['d.user_id', 'u.email', 'u.name', 'u.preferred_lang', 'd.frequency', 'd.last_sent_at', 'u.last_seen_at'])
    .where('u.email_confirmed_at', 'is not', null)
    .where((eb) =>
      eb.or(
        (['daily', 'weekly'] as const).map((f) =>
          eb.and([
            eb('d.frequency', '=', f),
            eb('d.last_sent_at', '<=', before[f]),
            eb.or([eb('u.last_seen_at', 'is', null), eb('u.last_seen_at', '<=', before[f])]),
          ]),
        ),
      ),
    )
    .orderBy('d.user_id')
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    email: r.email,
    name: r.name,
    lang: r.preferred_lang,
    frequency: r.frequency as Frequency,
    lastSentAt: r.last_sent_at,
    lastSeenAt: r.last_seen_at,
  }));
}

/** The communities (not archived) where these people are active members. */
export function memberships(db: DB, userIds: number[]) {
  return db
    .selectFrom('community_members as m')
    .innerJoin('communities as c', 'c.id', 'm.community_id')
    .select(['m.user_id', 'm.community_id'])
    .where('m.user_id', 'in', userIds)
    .where('m.status', '=', 'active')
    .where('c.archived_at', 'is', null)
    .execute();
}

/** These people's levels for communities (topic_id null) and topics. */
export function levels(db: DB, userIds: number[]) {
  return db.selectFrom('community_levels').select(['user_id', 'community_id', 'topic_id', 'level']).where('user_id', 'in', userIds).execute();
}

export interface NewPost {
  topicId: number;
  communityId: number;
  slug: string;
  authorId: number | null;
  createdAt: string;
  title: string;
  topicLang: string;
  topicCreatedAt: string;
}

/** Posts everyone reads written after a moment, in topics everyone reads of communities still open, the oldest first. */
export async function postsSince(db: DB, since: string): Promise<NewPost[]> {
  const rows = await db
    .selectFrom('community_posts as p')
    .innerJoin('community_topics as t', 't.id', 'p.topic_id')
    .innerJoin('communities as c', 'c.id', 't.community_id')
    .select(['p.topic_id', 't.community_id', 'c.slug', 'p.user_id', 'p.created_at', 't.title', 't.lang', 't.created_at as topic_created_at'])
    .where('p.created_at', '>', since)
    .where('p.status', '=', 'shown')
    .where('t.status', '=', 'shown')
    .where('c.archived_at', 'is', null)
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({
    topicId: r.topic_id,
    communityId: r.community_id,
    slug: r.slug,
    authorId: r.user_id,
    createdAt: r.created_at,
    title: r.title,
    topicLang: r.lang,
    topicCreatedAt: r.topic_created_at,
  }));
}

/** Moves these people's last digest to `at`, where no other run did first; those it moved. */
export async function claim(trx: DB, userIds: number[], at: string, before: DueBefore): Promise<number[]> {
  if (userIds.length === 0) return [];
  const rows = await trx
    .updateTable('mail_digests')
    .set({ last_sent_at: at })
    .where('user_id', 'in', userIds)
    .where((eb) => eb.or((['daily', 'weekly'] as const).map((f) => eb.and([eb('frequency', '=', f), eb('last_sent_at', '<=', before[f])]))))
    .returning('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}
