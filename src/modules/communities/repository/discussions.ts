import { sql } from 'kysely';
import type { DB } from '../../../db/database.ts';
import type { PostStatus } from '../lists.ts';
import { LISTED } from './communities.ts';

// The SQL of discussions (migration 0024): a community's topics and the posts in them. A topic
// keeps its reply count and latest post on its row, written in the transaction that adds a post
// (a reply waiting for approval counts once approved). Posts and topics have a state (migration
// 0025, repository/moderation.ts): lists show topics shown or hidden; a post waiting for approval
// is seen only by its author and the facilitators.

const now = () => new Date().toISOString();

/** The id of its topic's opening post, for a post selected as `p` (whether it opens the topic). */
export const openingIdOfP = sql<number>`(select min(op.id) from community_posts as op where op.topic_id = p.topic_id)`.as('opening_id');

export interface TopicRow {
  id: number;
  communityId: number;
  title: string;
  lang: string;
  lockedAt: string | null;
  createdAt: string;
  lastPostAt: string;
  replies: number;
  author: string | null;
  authorId: number | null;
  status: PostStatus;
  /** the reply marked as the answer (migration 0030) */
  answerPostId: number | null;
}

const topicColumns = [
  't.id',
  't.community_id',
  't.title',
  't.lang',
  't.locked_at',
  't.created_at',
  't.last_post_at',
  't.replies',
  't.status',
  't.user_id',
  't.answer_post_id',
  'u.name as author',
] as const;

const toTopic = (r: {
  id: number;
  community_id: number;
  title: string;
  lang: string;
  locked_at: string | null;
  created_at: string;
  last_post_at: string;
  replies: number;
  author: string | null;
  user_id: number | null;
  status: string;
  answer_post_id: number | null;
}): TopicRow => ({
  id: r.id,
  communityId: r.community_id,
  title: r.title,
  lang: r.lang,
  lockedAt: r.locked_at,
  createdAt: r.created_at,
  lastPostAt: r.last_post_at,
  replies: Number(r.replies),
  author: r.author,
  authorId: r.user_id,
  status: r.status as PostStatus,
  answerPostId: r.answer_post_id,
});

/** A page of a community's topics, the latest activity first. */
export async function topics(db: DB, communityId: number, offset: number, limit: number): Promise<{ rows: TopicRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('community_topics as t')
      .leftJoin('users as u', 'u.id', 't.user_id')
      .select(topicColumns)
      .where('t.community_id', '=', communityId)
      .where('t.status', 'in', LISTED)
      .orderBy('t.last_post_at', 'desc')
      .orderBy('t.id', 'desc')
      .offset(offset)
      .limit(limit)
      .execute(),
    db
      .selectFrom('community_topics')
      .select(sql<number>`count(*)`.as('n'))
      .where('community_id', '=', communityId)
      .where('status', 'in', LISTED)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toTopic), total: Number(count.n) };
}

export async function topic(db: DB, communityId: number, id: number): Promise<TopicRow | null> {
  const r = await db
    .selectFrom('community_topics as t')
    .leftJoin('users as u', 'u.id', 't.user_id')
    .select(topicColumns)
    .where('t.community_id', '=', communityId)
    .where('t.id', '=', id)
    .executeTakeFirst();
  return r ? toTopic(r) : null;
}

/** The newest topics of a community with their opening post, for its feed. */
export async function latestTopics(db: DB, communityId: number, limit: number): Promise<(TopicRow & { opening: string | null })[]> {
  const rows = await db
    .selectFrom('community_topics as t')
    .leftJoin('users as u', 'u.id', 't.user_id')
    .select(topicColumns)
    .select((eb) =>
      eb
        .selectFrom('community_posts as p')
        .select('p.body')
        .whereRef('p.topic_id', '=', 't.id')
        .where('p.status', '=', 'shown')
        .orderBy('p.id')
        .limit(1)
        .as('opening'),
    )
    .where('t.community_id', '=', communityId)
    .where('t.status', 'in', LISTED)
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...toTopic(r), opening: r.opening }));
}

export interface PostRow {
  id: number;
  userId: number | null;
  author: string | null;
  body: string;
  lang: string;
  createdAt: string;
  editedAt: string | null;
  status: PostStatus;
  removedReason: string | null;
}

/** Who reads a topic: posts waiting for approval are seen by their author and the facilitators only. */
export interface Reader {
  userId: number | null;
  facilitate: boolean;
}

/** A page of a topic's posts in order, the opening post first; `langs` keeps only posts in those languages. */
export async function posts(
  db: DB,
  topicId: number,
  o: { offset: number; limit: number; langs: readonly string[]; reader: Reader },
): Promise<{ rows: PostRow[]; total: number }> {
  let q = db.selectFrom('community_posts as p').where('p.topic_id', '=', topicId);
  if (o.langs.length > 0) q = q.where('p.lang', 'in', [...o.langs]);
  if (!o.reader.facilitate) {
    const own = o.reader.userId;
    q = q.where((eb) => (own === null ? eb('p.status', '!=', 'waiting') : eb.or([eb('p.status', '!=', 'waiting'), eb('p.user_id', '=', own)])));
  }
  const [rows, count] = await Promise.all([
    q
      .leftJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.id', 'p.user_id', 'u.name as author', 'p.body', 'p.lang', 'p.created_at', 'p.edited_at', 'p.status', 'p.removed_reason'])
      .orderBy('p.id')
      .offset(o.offset)
      .limit(o.limit)
      .execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      author: r.author,
      body: r.body,
      lang: r.lang,
      createdAt: r.created_at,
      editedAt: r.edited_at,
      status: r.status as PostStatus,
      removedReason: r.removed_reason,
    })),
    total: Number(count.n),
  };
}

/** The languages a topic's posts are written in, with how many posts each. */
export async function postLanguages(db: DB, topicId: number): Promise<{ lang: string; count: number }[]> {
  const rows = await db
    .selectFrom('community_posts')
    .select(['lang', sql<number>`count(*)`.as('n')])
    .where('topic_id', '=', topicId)
    .where('status', '!=', 'waiting')
    .groupBy('lang')
    .orderBy('lang')
    .execute();
  return rows.map((r) => ({ lang: r.lang, count: Number(r.n) }));
}

/** Starts a topic with its opening post (waiting for approval, or shown at once). */
export async function createTopic(
  db: DB,
  t: { communityId: number; userId: number; title: string; body: string; lang: string; status?: 'shown' | 'waiting' },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const at = now();
    const { id } = await trx
      .insertInto('community_topics')
      .values({ community_id: t.communityId, user_id: t.userId, title: t.title, lang: t.lang, created_at: at, last_post_at: at, status: t.status ?? 'shown' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('community_posts')
      .values({ topic_id: id, user_id: t.userId, body: t.body, lang: t.lang, created_at: at, status: t.status ?? 'shown' })
      .execute();
    return id;
  });
}

/**
 * Adds a reply, unless the topic was locked meanwhile (checked with the topic's row in the same
 * transaction). A reply waiting for approval counts in its topic once approved.
 */
export async function addReply(
  db: DB,
  r: { topicId: number; userId: number; body: string; lang: string; status?: 'shown' | 'waiting' },
): Promise<number | 'locked'> {
  return db.transaction().execute(async (trx) => {
    const at = now();
    // The update takes the topic's row first, so a lock and a reply cannot pass each other (a
    // reply that waits for approval changes nothing on it yet, but takes it all the same).
    const updated = await trx
      .updateTable('community_topics')
      .set(r.status !== 'waiting' ? { last_post_at: at, replies: sql`replies + 1` } : { replies: sql`replies` })
      .where('id', '=', r.topicId)
      .where('locked_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return 'locked';
    const { id } = await trx
      .insertInto('community_posts')
      .values({ topic_id: r.topicId, user_id: r.userId, body: r.body, lang: r.lang, created_at: at, status: r.status ?? 'shown' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  });
}

export function setLocked(db: DB, topicId: number, locked: boolean) {
  return db
    .updateTable('community_topics')
    .set({ locked_at: locked ? now() : null })
    .where('id', '=', topicId)
    .execute();
}

/** A topic's text for the search index: its title, language, state, community and the posts everyone reads, in order. */
export async function topicText(db: DB, topicId: number) {
  const topic = await db
    .selectFrom('community_topics as t')
    .innerJoin('communities as c', 'c.id', 't.community_id')
    .select(['t.id', 't.title', 't.lang', 't.status', 't.community_id', 'c.slug', 'c.visibility'])
    .where('t.id', '=', topicId)
    .executeTakeFirst();
  if (!topic) return null;
  const posts = await db.selectFrom('community_posts').select('body').where('topic_id', '=', topicId).where('status', '=', 'shown').orderBy('id').execute();
  return { ...topic, bodies: posts.map((p) => p.body) };
}

/** The ids of a community's topics. */
export async function topicIds(db: DB, communityId: number): Promise<number[]> {
  const rows = await db.selectFrom('community_topics').select('id').where('community_id', '=', communityId).execute();
  return rows.map((r) => r.id);
}

/** The posts a person wrote, for their data export. */
export function postsBy(db: DB, userId: number) {
  return db
    .selectFrom('community_posts as p')
    .innerJoin('community_topics as t', 't.id', 'p.topic_id')
    .innerJoin('communities as c', 'c.id', 't.community_id')
    .select(['c.slug as community', 't.title as topic', 'p.body', 'p.lang', 'p.created_at', 'p.status', 'p.removed_reason'])
    .where('p.user_id', '=', userId)
    .orderBy('p.id')
    .execute();
}
