import { sql, type Selectable } from 'kysely';
import type { DB } from '../../db/database.ts';
import type { Tables } from '../../db/schema.ts';
import type { Lang } from '../../i18n/languages.ts';
import type { Joining, MemberRole, MemberStatus, Visibility } from './lists.ts';

// The only SQL of communities (migration 0024): communities and their texts, members, topics and
// posts. Counts of topics and replies are kept on the rows they describe, in the transaction that
// changes them, so lists never count posts.

export type CommunityRow = Selectable<Tables['communities']>;
export type TranslationRow = Selectable<Tables['community_translations']>;
const now = () => new Date().toISOString();

export interface CommunityTexts {
  lang: Lang;
  name: string;
  description: string;
  joinQuestion: string | null;
  codeOfConduct: string | null;
}

export interface CommunityInput {
  slug: string;
  theme: string;
  joining: Joining;
  visibility: Visibility;
  approveFirstPosts: boolean;
  texts: CommunityTexts[];
}

export async function createCommunity(db: DB, c: CommunityInput, userId: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const t = now();
    const { id } = await trx
      .insertInto('communities')
      .values({
        slug: c.slug,
        theme: c.theme,
        joining: c.joining,
        visibility: c.visibility,
        approve_first_posts: c.approveFirstPosts ? 1 : 0,
        created_by: userId,
        created_at: t,
        updated_at: t,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeTexts(trx, id, c.texts);
    return id;
  });
}

export async function updateCommunity(db: DB, id: number, c: Omit<CommunityInput, 'slug'>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('communities')
      .set({ theme: c.theme, joining: c.joining, visibility: c.visibility, approve_first_posts: c.approveFirstPosts ? 1 : 0, updated_at: now() })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('community_translations').where('community_id', '=', id).execute();
    await writeTexts(trx, id, c.texts);
  });
}

async function writeTexts(db: DB, id: number, texts: CommunityTexts[]): Promise<void> {
  if (texts.length === 0) return;
  await db
    .insertInto('community_translations')
    .values(
      texts.map((x) => ({
        community_id: id,
        lang: x.lang,
        name: x.name,
        description: x.description,
        join_question: x.joinQuestion,
        code_of_conduct: x.codeOfConduct,
      })),
    )
    .execute();
}

export function setArchived(db: DB, id: number, archived: boolean) {
  return db
    .updateTable('communities')
    .set({ archived_at: archived ? now() : null, updated_at: now() })
    .where('id', '=', id)
    .execute();
}

export function communityBySlug(db: DB, slug: string): Promise<CommunityRow | undefined> {
  return db.selectFrom('communities').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function slugTaken(db: DB, slug: string): Promise<boolean> {
  return db
    .selectFrom('communities')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirst()
    .then((r) => r !== undefined);
}

/** Every community's texts in every language (lists pick the reader's, English where missing). */
export function translations(db: DB, ids: number[]): Promise<TranslationRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('community_translations').selectAll().where('community_id', 'in', ids).execute();
}

/** Communities with their counts of active members and topics, archived ones only when asked for. */
export function communities(db: DB, o: { archived: boolean }) {
  let q = db
    .selectFrom('communities as c')
    .selectAll('c')
    .select((eb) => [
      eb
        .selectFrom('community_members as m')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('m.community_id', '=', 'c.id')
        .where('m.status', 'in', ['active', 'suspended'])
        .as('members'),
      eb
        .selectFrom('community_topics as t')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('t.community_id', '=', 'c.id')
        .as('topics'),
      eb
        .selectFrom('community_topics as t')
        .select(sql<string>`max(t.last_post_at)`.as('at'))
        .whereRef('t.community_id', '=', 'c.id')
        .as('last_post_at'),
    ]);
  if (!o.archived) q = q.where('c.archived_at', 'is', null);
  return q.orderBy('c.id').execute();
}

export interface Membership {
  role: MemberRole;
  status: MemberStatus;
  /** when the person joined, asked or was invited (ISO) */
  since: string;
}

export async function membership(db: DB, communityId: number, userId: number): Promise<Membership | null> {
  const row = await db
    .selectFrom('community_members')
    .select(['role', 'status', 'created_at'])
    .where('community_id', '=', communityId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? { role: row.role as MemberRole, status: row.status as MemberStatus, since: row.created_at } : null;
}

/** Adds a person, or changes their role and status if they are there already. */
export async function putMember(
  db: DB,
  m: { communityId: number; userId: number; role: MemberRole; status: MemberStatus; answer?: string | null; decidedBy?: number | null },
): Promise<void> {
  const t = now();
  const decided = m.decidedBy === undefined ? {} : { decided_at: t, decided_by: m.decidedBy };
  await db
    .insertInto('community_members')
    .values({ community_id: m.communityId, user_id: m.userId, role: m.role, status: m.status, answer: m.answer ?? null, created_at: t, ...decided })
    .onConflict((oc) =>
      oc
        .columns(['community_id', 'user_id'])
        .doUpdateSet({ role: m.role, status: m.status, ...(m.answer === undefined ? {} : { answer: m.answer }), ...decided }),
    )
    .execute();
}

export function removeMember(db: DB, communityId: number, userId: number) {
  return db.deleteFrom('community_members').where('community_id', '=', communityId).where('user_id', '=', userId).execute();
}

export interface MemberRow {
  userId: number;
  name: string;
  role: MemberRole;
  status: MemberStatus;
  answer: string | null;
  createdAt: string;
  /** the centres the person belongs to, by name */
  centres: string[];
}

/** A community's members in the states given, facilitators first, then by name; each with their centres. */
export async function members(db: DB, communityId: number, statuses: MemberStatus[]): Promise<MemberRow[]> {
  const rows = await db
    .selectFrom('community_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.name', 'm.role', 'm.status', 'm.answer', 'm.created_at'])
    .where('m.community_id', '=', communityId)
    .where('m.status', 'in', statuses)
    .orderBy(sql`case when m.role = 'facilitator' then 0 else 1 end`)
    .orderBy('u.name')
    .execute();
  const ids = rows.map((r) => r.user_id);
  const centres =
    ids.length === 0
      ? []
      : await db
          .selectFrom('centre_members as cm')
          .innerJoin('centres as c', 'c.id', 'cm.centre_id')
          .select(['cm.user_id', 'c.name'])
          .where('cm.user_id', 'in', ids)
          .orderBy('c.name')
          .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    role: r.role as MemberRole,
    status: r.status as MemberStatus,
    answer: r.answer,
    createdAt: r.created_at,
    centres: centres.filter((c) => c.user_id === r.user_id).map((c) => c.name),
  }));
}

/** The communities a person is in (any status), for their account and their data export. */
export function membershipsOf(db: DB, userId: number) {
  return db
    .selectFrom('community_members as m')
    .innerJoin('communities as c', 'c.id', 'm.community_id')
    .select(['c.id', 'c.slug', 'm.role', 'm.status', 'm.created_at'])
    .where('m.user_id', '=', userId)
    .orderBy('c.slug')
    .execute();
}

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
}

const topicColumns = ['t.id', 't.community_id', 't.title', 't.lang', 't.locked_at', 't.created_at', 't.last_post_at', 't.replies', 'u.name as author'] as const;

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
});

/** A page of a community's topics, the latest activity first. */
export async function topics(db: DB, communityId: number, offset: number, limit: number): Promise<{ rows: TopicRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('community_topics as t')
      .leftJoin('users as u', 'u.id', 't.user_id')
      .select(topicColumns)
      .where('t.community_id', '=', communityId)
      .orderBy('t.last_post_at', 'desc')
      .orderBy('t.id', 'desc')
      .offset(offset)
      .limit(limit)
      .execute(),
    db
      .selectFrom('community_topics')
      .select(sql<number>`count(*)`.as('n'))
      .where('community_id', '=', communityId)
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
    .select((eb) => eb.selectFrom('community_posts as p').select('p.body').whereRef('p.topic_id', '=', 't.id').orderBy('p.id').limit(1).as('opening'))
    .where('t.community_id', '=', communityId)
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
}

/** A page of a topic's posts in order, the opening post first; `langs` keeps only posts in those languages. */
export async function posts(
  db: DB,
  topicId: number,
  o: { offset: number; limit: number; langs: readonly string[] },
): Promise<{ rows: PostRow[]; total: number }> {
  let q = db.selectFrom('community_posts as p').where('p.topic_id', '=', topicId);
  if (o.langs.length > 0) q = q.where('p.lang', 'in', [...o.langs]);
  const [rows, count] = await Promise.all([
    q
      .leftJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.id', 'p.user_id', 'u.name as author', 'p.body', 'p.lang', 'p.created_at', 'p.edited_at'])
      .orderBy('p.id')
      .offset(o.offset)
      .limit(o.limit)
      .execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({ id: r.id, userId: r.user_id, author: r.author, body: r.body, lang: r.lang, createdAt: r.created_at, editedAt: r.edited_at })),
    total: Number(count.n),
  };
}

/** The languages a topic's posts are written in, with how many posts each. */
export async function postLanguages(db: DB, topicId: number): Promise<{ lang: string; count: number }[]> {
  const rows = await db
    .selectFrom('community_posts')
    .select(['lang', sql<number>`count(*)`.as('n')])
    .where('topic_id', '=', topicId)
    .groupBy('lang')
    .orderBy('lang')
    .execute();
  return rows.map((r) => ({ lang: r.lang, count: Number(r.n) }));
}

/** Starts a topic with its opening post. */
export async function createTopic(db: DB, t: { communityId: number; userId: number; title: string; body: string; lang: string }): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const at = now();
    const { id } = await trx
      .insertInto('community_topics')
      .values({ community_id: t.communityId, user_id: t.userId, title: t.title, lang: t.lang, created_at: at, last_post_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('community_posts').values({ topic_id: id, user_id: t.userId, body: t.body, lang: t.lang, created_at: at }).execute();
    return id;
  });
}

/** Adds a reply, unless the topic was locked meanwhile (checked with the topic's row in the same transaction). */
export async function addReply(db: DB, r: { topicId: number; userId: number; body: string; lang: string }): Promise<number | 'locked'> {
  return db.transaction().execute(async (trx) => {
    const at = now();
    // The update takes the topic's row first, so a lock and a reply cannot pass each other.
    const updated = await trx
      .updateTable('community_topics')
      .set({ last_post_at: at, replies: sql`replies + 1` })
      .where('id', '=', r.topicId)
      .where('locked_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return 'locked';
    const { id } = await trx
      .insertInto('community_posts')
      .values({ topic_id: r.topicId, user_id: r.userId, body: r.body, lang: r.lang, created_at: at })
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

/** The posts a person wrote, for their data export. */
export function postsBy(db: DB, userId: number) {
  return db
    .selectFrom('community_posts as p')
    .innerJoin('community_topics as t', 't.id', 'p.topic_id')
    .innerJoin('communities as c', 'c.id', 't.community_id')
    .select(['c.slug as community', 't.title as topic', 'p.body', 'p.lang', 'p.created_at'])
    .where('p.user_id', '=', userId)
    .orderBy('p.id')
    .execute();
}
