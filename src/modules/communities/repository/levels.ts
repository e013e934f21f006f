import { sql } from 'kysely';
import type { DB } from '../../../db/database.ts';
import { openingIdOfP } from './discussions.ts';
import type { Level } from '../lists.ts';

// The SQL of notification levels (migration 0026): a person's level for a community, and for a
// topic of it, and the audience of a new post: the community's active members with both levels.

const now = () => new Date().toISOString();

/** Sets a person's level for a community (topicId null) or a topic; null takes it back to the default. */
export async function setLevel(db: DB, p: { userId: number; communityId: number; topicId: number | null; level: Level | null }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    let del = trx.deleteFrom('community_levels').where('user_id', '=', p.userId);
    del = p.topicId === null ? del.where('community_id', '=', p.communityId).where('topic_id', 'is', null) : del.where('topic_id', '=', p.topicId);
    await del.execute();
    if (p.level !== null)
      await trx
        .insertInto('community_levels')
        .values({ user_id: p.userId, community_id: p.communityId, topic_id: p.topicId, level: p.level, updated_at: now() })
        .execute();
  });
}

/** Every level a person chose, with its community (their account's export). */
export function chosenBy(db: DB, userId: number) {
  return (
    db
      .selectFrom('community_levels as l')
      .innerJoin('communities as c', 'c.id', 'l.community_id')
      .select(['c.slug', 'l.topic_id', 'l.level'])
      .where('l.user_id', '=', userId)
      .orderBy('c.slug')
      // the community's own level first (null sorts first on SQLite, last on PostgreSQL)
      .orderBy(sql`case when l.topic_id is null then 0 else 1 end`)
      .orderBy('l.topic_id')
      .execute()
  );
}

/** Gives a person a level for a topic unless they chose one already (writing in a topic follows it). */
export async function setTopicLevelIfNone(db: DB, p: { userId: number; communityId: number; topicId: number; level: Level }): Promise<void> {
  await db
    .insertInto('community_levels')
    .values({ user_id: p.userId, community_id: p.communityId, topic_id: p.topicId, level: p.level, updated_at: now() })
    .onConflict((oc) => oc.columns(['user_id', 'topic_id']).where('topic_id', 'is not', null).doNothing())
    .execute();
}

/** A person's own levels for a community and, when given, one of its topics (null where they chose none). */
export async function levelsOf(db: DB, userId: number, communityId: number, topicId: number | null): Promise<{ community: Level | null; topic: Level | null }> {
  const rows = await db
    .selectFrom('community_levels')
    .select(['topic_id', 'level'])
    .where('user_id', '=', userId)
    .where('community_id', '=', communityId)
    .where((eb) => (topicId === null ? eb('topic_id', 'is', null) : eb.or([eb('topic_id', 'is', null), eb('topic_id', '=', topicId)])))
    .execute();
  return {
    community: (rows.find((r) => r.topic_id === null)?.level as Level | undefined) ?? null,
    topic: (rows.find((r) => r.topic_id !== null)?.level as Level | undefined) ?? null,
  };
}

export interface AudienceMember {
  userId: number;
  name: string;
  communityLevel: Level | null;
  topicLevel: Level | null;
}

/** The active members of a community with their levels for it and for the topic. */
export async function audience(db: DB, communityId: number, topicId: number): Promise<AudienceMember[]> {
  const rows = await db
    .selectFrom('community_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .leftJoin('community_levels as cl', (j) =>
      j.onRef('cl.user_id', '=', 'm.user_id').onRef('cl.community_id', '=', 'm.community_id').on('cl.topic_id', 'is', null),
    )
    .leftJoin('community_levels as tl', (j) => j.onRef('tl.user_id', '=', 'm.user_id').on('tl.topic_id', '=', topicId))
    .select(['m.user_id', 'u.name', 'cl.level as community_level', 'tl.level as topic_level'])
    .where('m.community_id', '=', communityId)
    .where('m.status', '=', 'active')
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    communityLevel: (r.community_level as Level | null) ?? null,
    topicLevel: (r.topic_level as Level | null) ?? null,
  }));
}

/** A shown post with what its notifications need: its topic, community, author and text. */
export function postForNotices(db: DB, postId: number) {
  return db
    .selectFrom('community_posts as p')
    .innerJoin('community_topics as t', 't.id', 'p.topic_id')
    .select(['p.id', 'p.topic_id', 'p.user_id', 'p.body', 'p.status', 't.community_id', 't.user_id as topic_author'])
    .select(openingIdOfP)
    .where('p.id', '=', postId)
    .executeTakeFirst();
}

/** A topic's opening post. */
export async function openingPost(db: DB, topicId: number): Promise<number | null> {
  const r = await db.selectFrom('community_posts').select('id').where('topic_id', '=', topicId).orderBy('id').limit(1).executeTakeFirst();
  return r?.id ?? null;
}
