import { sql, type Selectable } from 'kysely';
import type { DB } from '../../../db/database.ts';
import type { Tables } from '../../../db/schema.ts';
import type { Lang } from '../../../i18n/languages.ts';
import type { Joining, MemberRole, MemberStatus, Visibility } from '../lists.ts';

// The SQL of communities (migration 0024): communities and their texts, and their members.
// Counts of topics are read with the list; those of replies are kept on the topic's row.

/** the states of topics that lists show and count (a topic waiting for approval, or removed, is not listed) */
export const LISTED = ['shown', 'hidden'];

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
  /** how many members' flags hide a post (3 when not given) */
  flagThreshold?: number;
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
        flag_threshold: c.flagThreshold ?? 3,
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
      .set({
        theme: c.theme,
        joining: c.joining,
        visibility: c.visibility,
        approve_first_posts: c.approveFirstPosts ? 1 : 0,
        flag_threshold: c.flagThreshold ?? 3,
        updated_at: now(),
      })
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
        .where('t.status', 'in', LISTED)
        .as('topics'),
      eb
        .selectFrom('community_topics as t')
        .select(sql<string>`max(t.last_post_at)`.as('at'))
        .whereRef('t.community_id', '=', 'c.id')
        .where('t.status', 'in', LISTED)
        .as('last_post_at'),
    ]);
  if (!o.archived) q = q.where('c.archived_at', 'is', null);
  return q.orderBy('c.id').execute();
}

/** One community's counts of members (active and suspended) and topics, and its latest post. */
export async function countsOf(db: DB, communityId: number): Promise<{ members: number; topics: number; lastPostAt: string | null }> {
  const [members, topics] = await Promise.all([
    db
      .selectFrom('community_members')
      .select(sql<number>`count(*)`.as('n'))
      .where('community_id', '=', communityId)
      .where('status', 'in', ['active', 'suspended'])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('community_topics')
      .select([sql<number>`count(*)`.as('n'), sql<string | null>`max(last_post_at)`.as('at')])
      .where('community_id', '=', communityId)
      .where('status', 'in', LISTED)
      .executeTakeFirstOrThrow(),
  ]);
  return { members: Number(members.n), topics: Number(topics.n), lastPostAt: topics.at };
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
