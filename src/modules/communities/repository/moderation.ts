import { sql } from 'kysely';
import type { DB } from '../../../db/database.ts';
import { openingIdOfP } from './discussions.ts';
import type { FlagReason, PostStatus } from '../lists.ts';

// The SQL of moderation (migration 0025): flags on posts, the states a facilitator's decision
// moves a post between, and what the review queue and the 48-hour reminder read. Each change that
// depends on a count or a state takes the post's row first, so two members flagging at once, or a
// flag and a facilitator's decision, cannot pass each other.

const now = () => new Date().toISOString();

/** Takes the post's row (PostgreSQL locks it until the transaction ends; SQLite has one writer). */
async function takePost(trx: DB, postId: number) {
  await trx
    .updateTable('community_posts')
    .set({ status: sql`status` })
    .where('id', '=', postId)
    .execute();
  return trx
    .selectFrom('community_posts as p')
    .innerJoin('community_topics as t', 't.id', 'p.topic_id')
    .innerJoin('communities as c', 'c.id', 't.community_id')
    .select(['p.id', 'p.topic_id', 'p.user_id', 'p.status', 'c.flag_threshold'])
    .select(openingIdOfP)
    .where('p.id', '=', postId)
    .executeTakeFirst();
}

/** Sets a post's state; an opening post's topic follows, and a reply approved counts in its topic from now. */
async function setStatus(
  trx: DB,
  post: { id: number; topic_id: number; status: string; opening_id: number | null },
  status: PostStatus,
  o: { by?: number; reason?: string | null } = {},
) {
  await trx
    .updateTable('community_posts')
    .set({
      status,
      ...(o.by === undefined ? {} : { moderated_by: o.by, moderated_at: now() }),
      ...(o.reason === undefined ? {} : { removed_reason: o.reason }),
    })
    .where('id', '=', post.id)
    .execute();
  const opening = post.id === post.opening_id;
  if (opening) await trx.updateTable('community_topics').set({ status }).where('id', '=', post.topic_id).execute();
  else if (post.status === 'waiting' && status !== 'waiting')
    // A reply waiting for approval was not counted; from now it is (removed ones stay as a note in place).
    await trx
      .updateTable('community_topics')
      .set({ replies: sql`replies + 1`, last_post_at: now() })
      .where('id', '=', post.topic_id)
      .execute();
}

export type FlagResult = 'flagged' | 'hidden' | 'already' | 'missing';

/**
 * A member flags a post. When the open flags from different members reach the community's
 * threshold, a shown post hides itself until a facilitator decides.
 */
export async function flag(db: DB, f: { postId: number; userId: number; reason: FlagReason; note: string | null }): Promise<FlagResult> {
  return db.transaction().execute(async (trx) => {
    const post = await takePost(trx, f.postId);
    if (!post || post.status === 'waiting' || post.status === 'removed') return 'missing';
    const inserted = await trx
      .insertInto('community_flags')
      .values({ post_id: f.postId, user_id: f.userId, reason: f.reason, note: f.note, created_at: now() })
      .onConflict((oc) => oc.columns(['post_id', 'user_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return 'already';
    const open = await trx
      .selectFrom('community_flags')
      .select(sql<number>`count(*)`.as('n'))
      .where('post_id', '=', f.postId)
      .where('resolved_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (post.status === 'shown' && Number(open.n) >= Number(post.flag_threshold)) {
      await setStatus(trx, post, 'hidden');
      return 'hidden';
    }
    return 'flagged';
  });
}

export type Decision = 'approve' | 'keep' | 'remove';

/**
 * A facilitator's decision on a post: approve one waiting for approval, keep one that was flagged
 * (shown again, its open flags closed), or remove one with a reason its author reads. Returns the
 * post's topic, or null when the post is gone or the decision no longer applies (another
 * facilitator decided first).
 */
export async function decide(
  db: DB,
  d: { postId: number; by: number; decision: Decision; reason?: string },
): Promise<{ topicId: number; userId: number | null } | null> {
  return db.transaction().execute(async (trx) => {
    const post = await takePost(trx, d.postId);
    if (!post) return null;
    const applies =
      d.decision === 'approve'
        ? post.status === 'waiting'
        : d.decision === 'keep'
          ? post.status === 'shown' || post.status === 'hidden'
          : post.status !== 'removed';
    if (!applies) return null;
    if (d.decision === 'remove') {
      await setStatus(trx, post, 'removed', { by: d.by, reason: d.reason ?? null });
      // A removed reply is no topic's answer.
      await trx.updateTable('community_topics').set({ answer_post_id: null }).where('id', '=', post.topic_id).where('answer_post_id', '=', d.postId).execute();
    } else await setStatus(trx, post, 'shown', { by: d.by });
    await trx
      .updateTable('community_flags')
      .set({ resolved_at: now(), resolved_by: d.by, outcome: d.decision === 'remove' ? 'removed' : 'kept' })
      .where('post_id', '=', d.postId)
      .where('resolved_at', 'is', null)
      .execute();
    return { topicId: post.topic_id, userId: post.user_id };
  });
}

/** Whether a person has a post in the community that a reader can see (their first posts are behind them). */
export async function hasShownPost(db: DB, communityId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('community_posts as p')
    .innerJoin('community_topics as t', 't.id', 'p.topic_id')
    .select('p.id')
    .where('t.community_id', '=', communityId)
    .where('p.user_id', '=', userId)
    .where('p.status', 'in', ['shown', 'hidden'])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface ReviewItem {
  postId: number;
  topicId: number;
  topicTitle: string;
  topicLang: string;
  opening: boolean;
  author: string | null;
  body: string;
  lang: string;
  status: PostStatus;
  createdAt: string;
  flags: { reason: FlagReason; note: string | null; createdAt: string }[];
}

/** Posts that wait for a facilitator: waiting for approval, or with open flags. */
const toReview = (db: DB) =>
  db
    .selectFrom('community_posts as p')
    .innerJoin('community_topics as t', 't.id', 'p.topic_id')
    .where((eb) =>
      eb.or([
        eb('p.status', '=', 'waiting'),
        eb.exists(eb.selectFrom('community_flags as f').select('f.id').whereRef('f.post_id', '=', 'p.id').where('f.resolved_at', 'is', null)),
      ]),
    );

/** How many posts wait for a community's facilitators. */
export async function waitingIn(db: DB, communityId: number): Promise<number> {
  const r = await toReview(db)
    .select(sql<number>`count(*)`.as('n'))
    .where('t.community_id', '=', communityId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** What waits for a community's facilitators: posts waiting for approval and posts with open flags, the oldest first. */
export async function reviewQueue(db: DB, communityId: number, limit: number): Promise<{ items: ReviewItem[]; total: number }> {
  const base = toReview(db).where('t.community_id', '=', communityId);
  const [rows, count] = await Promise.all([
    base
      .leftJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.id', 'p.topic_id', 't.title', 't.lang as topic_lang', 'u.name as author', 'p.body', 'p.lang', 'p.status', 'p.created_at'])
      .select(openingIdOfP)
      .orderBy('p.id')
      .limit(limit)
      .execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const ids = rows.map((r) => r.id);
  const flags =
    ids.length === 0
      ? []
      : await db
          .selectFrom('community_flags')
          .select(['post_id', 'reason', 'note', 'created_at'])
          .where('post_id', 'in', ids)
          .where('resolved_at', 'is', null)
          .orderBy('id')
          .execute();
  return {
    items: rows.map((r) => ({
      postId: r.id,
      topicId: r.topic_id,
      topicTitle: r.title,
      topicLang: r.topic_lang,
      opening: r.id === r.opening_id,
      author: r.author,
      body: r.body,
      lang: r.lang,
      status: r.status as PostStatus,
      createdAt: r.created_at,
      flags: flags.filter((f) => f.post_id === r.id).map((f) => ({ reason: f.reason as FlagReason, note: f.note, createdAt: f.created_at })),
    })),
    total: Number(count.n),
  };
}

/** How many items wait in each community's review queue (communities with none are left out). */
export async function waitingCounts(db: DB): Promise<Map<number, number>> {
  const rows = await toReview(db)
    .select(['t.community_id', sql<number>`count(*)`.as('n')])
    .groupBy('t.community_id')
    .execute();
  return new Map(rows.map((r) => [r.community_id, Number(r.n)]));
}

/** Open flags older than `before` that no reminder has named yet, with their community. */
export function flagsToRemind(db: DB, before: string) {
  return db
    .selectFrom('community_flags as f')
    .innerJoin('community_posts as p', 'p.id', 'f.post_id')
    .innerJoin('community_topics as t', 't.id', 'p.topic_id')
    .innerJoin('communities as c', 'c.id', 't.community_id')
    .select(['f.id', 'c.id as community_id', 'c.slug'])
    .where('f.resolved_at', 'is', null)
    .where('f.reminded_at', 'is', null)
    .where('f.created_at', '<', before)
    .where('c.archived_at', 'is', null)
    .orderBy('f.id')
    .execute();
}

/** Marks flags as reminded; only those no other instance marked first (the count tells). */
export async function markReminded(trx: DB, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await trx.updateTable('community_flags').set({ reminded_at: now() }).where('id', 'in', ids).where('reminded_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Who is reminded for a community: its active facilitators, or the platform's administrators when it has none. */
export async function moderators(db: DB, communityId: number) {
  const facilitators = await db
    .selectFrom('community_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.email', 'u.name', 'u.preferred_lang'])
    .where('m.community_id', '=', communityId)
    .where('m.role', '=', 'facilitator')
    .where('m.status', '=', 'active')
    .orderBy('u.id')
    .execute();
  if (facilitators.length > 0) return facilitators;
  return db.selectFrom('users').select(['id', 'email', 'name', 'preferred_lang']).where('role', '=', 'admin').orderBy('id').execute();
}

/** Moves a topic to another community. */
export async function moveTopic(db: DB, topicId: number, communityId: number): Promise<void> {
  await db.updateTable('community_topics').set({ community_id: communityId }).where('id', '=', topicId).execute();
}

/** A topic's community, by the topic's id alone (a moved topic's old address finds its new one). */
export function topicHome(db: DB, topicId: number) {
  return db
    .selectFrom('community_topics as t')
    .innerJoin('communities as c', 'c.id', 't.community_id')
    .select(['c.slug', 't.id'])
    .where('t.id', '=', topicId)
    .executeTakeFirst();
}

/** A post of a community, with its topic, its author and its topic's opening post, or undefined when the community has no such post. */
export function postIn(db: DB, communityId: number, postId: number) {
  return db
    .selectFrom('community_posts as p')
    .innerJoin('community_topics as t', 't.id', 'p.topic_id')
    .leftJoin('users as u', 'u.id', 'p.user_id')
    .select([
      'p.id',
      'p.topic_id',
      'p.user_id',
      'p.status',
      'p.body',
      'p.lang',
      'p.created_at',
      'p.edited_at',
      'u.name as author',
      't.title as topic_title',
      't.lang as topic_lang',
      't.locked_at',
      openingIdOfP,
    ])
    .where('t.community_id', '=', communityId)
    .where('p.id', '=', postId)
    .executeTakeFirst();
}

/** Whether the person flagged the post already (and their flag is still open). */
export async function hasFlagged(db: DB, postId: number, userId: number): Promise<boolean> {
  const row = await db.selectFrom('community_flags').select('id').where('post_id', '=', postId).where('user_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}
